namespace Harrier.Sigma.Model;

/// <summary>The <c>detection</c> section: named searches and the condition(s) over them.</summary>
public sealed class SigmaDetection(IReadOnlyDictionary<string, SearchNode> searches, IReadOnlyList<string> conditions, int conditionLine)
{
    /// <summary>Search identifiers in file order (Dictionary preserves insertion order here: never removed from).</summary>
    public IReadOnlyDictionary<string, SearchNode> Searches { get; } = searches;
    /// <summary>One or more conditions; several are ORed.</summary>
    public IReadOnlyList<string> Conditions { get; } = conditions;
    public int ConditionLine { get; } = conditionLine;
}
