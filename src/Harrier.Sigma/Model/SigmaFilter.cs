namespace Harrier.Sigma.Model;

/// <summary>
/// A filter (meta filter) rule: its detection is ANDed with the condition of every listed rule whose
/// log source falls within the filter's (pySigma semantics; never applied to correlations).
/// </summary>
public sealed class SigmaFilter(SigmaRuleInfo info, LogSource logSource, IReadOnlyList<string> rules, SigmaDetection detection)
    : SigmaDocument(info)
{
    public LogSource LogSource { get; } = logSource;
    /// <summary>Ids or names of the rules the filter applies to; empty with <see cref="AppliesToAny"/>.</summary>
    public IReadOnlyList<string> Rules { get; } = rules;
    /// <summary><c>rules: any</c> (v2.2 draft): every rule within the log source.</summary>
    public bool AppliesToAny => Rules.Count == 0;
    public SigmaDetection Detection { get; } = detection;
}
