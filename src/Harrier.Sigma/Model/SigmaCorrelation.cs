namespace Harrier.Sigma.Model;

/// <summary>A correlation rule (Sigma correlation specification v2.1).</summary>
public sealed class SigmaCorrelation(
    SigmaRuleInfo info,
    CorrelationType type,
    IReadOnlyList<string> rules,
    IReadOnlyList<string> groupBy,
    TimeSpan timespan,
    CorrelationCondition condition,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> aliases,
    bool generate) : SigmaDocument(info)
{
    public CorrelationType Type { get; } = type;
    /// <summary>Referenced rules or correlations, by id or name.</summary>
    public IReadOnlyList<string> Rules { get; } = rules;
    public IReadOnlyList<string> GroupBy { get; } = groupBy;
    public TimeSpan Timespan { get; } = timespan;
    public CorrelationCondition Condition { get; } = condition;
    /// <summary>alias → (rule id or name → that rule's field).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases { get; } = aliases;
    /// <summary>Whether the referenced rules also report their own matches (default false).</summary>
    public bool Generate { get; } = generate;
}
