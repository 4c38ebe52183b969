namespace Harrier.Sigma.Matching.Predicates;

/// <summary>A test of one rendered field value. Sealed subclasses pick the cheapest comparison.</summary>
internal abstract class ValuePredicate
{
    public abstract bool IsMatch(ReadOnlySpan<char> value, MatchScope scope);

    /// <summary>Ordinal comparison: ignore case unless the rule said <c>cased</c>.</summary>
    protected static StringComparison Comparison(bool cased) => cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
