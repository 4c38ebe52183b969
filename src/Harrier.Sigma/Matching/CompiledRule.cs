using Harrier.Sigma.Model;

namespace Harrier.Sigma.Matching;

/// <summary>A detection rule ready to run: its metadata, log source branches and matcher trees.</summary>
public sealed class CompiledRule
{
    internal CompiledRule(int index, SigmaRule rule, IReadOnlyList<CompiledBranch> branches)
    {
        Index = index;
        Rule = rule;
        Branches = branches;
    }

    /// <summary>Position in <see cref="CompiledRuleSet.Rules"/>.</summary>
    public int Index { get; }

    public SigmaRule Rule { get; }

    public SigmaRuleInfo Info => Rule.Info;

    /// <summary>
    /// Whether a hit of this rule is an alert of its own. False for rules referenced by a correlation
    /// (unless one of those correlations says <c>generate: true</c>): their hits only feed correlations.
    /// </summary>
    public bool Generates { get; internal set; } = true;

    /// <summary>Ids of the filters applied to this rule.</summary>
    public IReadOnlyList<string> AppliedFilters { get; internal set; } = [];

    internal IReadOnlyList<CompiledBranch> Branches { get; }

    public override string ToString() => Info.DisplayId;
}
