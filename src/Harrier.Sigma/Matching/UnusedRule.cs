using Harrier.Sigma.Model;

namespace Harrier.Sigma.Matching;

public enum UnusedReason
{
    /// <summary>The log source has no EVTX form (e.g. ETW-only category, non-Windows product).</summary>
    NotApplicable,
    /// <summary>An <c>expand</c> placeholder has no values.</summary>
    UnresolvedPlaceholder,
    /// <summary>The rule is invalid (bad modifier, condition, regex…).</summary>
    Invalid,
}

/// <summary>A loaded document that will not run, and why.</summary>
public sealed record UnusedRule(SigmaRuleInfo Info, int Line, UnusedReason Kind, string Reason)
{
    public override string ToString() => $"{Info.Path}:{Line}: {Info.DisplayId}: {Kind}: {Reason}";
}
