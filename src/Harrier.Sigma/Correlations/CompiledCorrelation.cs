using Harrier.Sigma.Matching;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

/// <summary>A correlation ready to evaluate: members resolved to compiled rules or other correlations.</summary>
public sealed class CompiledCorrelation
{
    internal CompiledCorrelation(int index, SigmaCorrelation correlation, IReadOnlyList<CorrelationMember> members)
    {
        Index = index;
        Correlation = correlation;
        Members = members;
    }

    public int Index { get; }
    public SigmaCorrelation Correlation { get; }
    public SigmaRuleInfo Info => Correlation.Info;
    public CorrelationType Type => Correlation.Type;
    public IReadOnlyList<CorrelationMember> Members { get; }

    /// <summary>False when another correlation references this one without <c>generate: true</c>.</summary>
    public bool Generates { get; internal set; } = true;

    public override string ToString() => Info.DisplayId;
}

/// <summary>
/// One referenced rule or correlation (exactly one of <see cref="Rule"/>, <see cref="Inner"/> is set),
/// with the field that supplies each group-by key for it (aliases applied).
/// </summary>
public sealed class CorrelationMember
{
    internal CorrelationMember(int position, string reference, CompiledRule? rule, CompiledCorrelation? inner, IReadOnlyList<string> groupFields)
    {
        Position = position;
        Reference = reference;
        Rule = rule;
        Inner = inner;
        GroupFields = groupFields;
    }

    /// <summary>Position in the correlation's <c>rules</c> list (the order temporal_ordered requires).</summary>
    public int Position { get; }
    public string Reference { get; }
    public CompiledRule? Rule { get; }
    public CompiledCorrelation? Inner { get; internal set; }
    public IReadOnlyList<string> GroupFields { get; }
}
