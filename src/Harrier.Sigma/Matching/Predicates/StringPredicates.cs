namespace Harrier.Sigma.Matching.Predicates;

// The literal comparisons a wildcard-free (or edge-wildcard-only) pattern compiles to.

internal sealed class ExactPredicate(string text, bool cased) : ValuePredicate
{
    public string Text { get; } = text;
    public bool Cased => cased;
    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) => value.Equals(Text, Comparison(cased));
}

internal sealed class PrefixPredicate(string text, bool cased) : ValuePredicate
{
    public string Text => text;
    public bool Cased => cased;
    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) => value.StartsWith(text, Comparison(cased));
}

internal sealed class SuffixPredicate(string text, bool cased) : ValuePredicate
{
    public string Text => text;
    public bool Cased => cased;
    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) => value.EndsWith(text, Comparison(cased));
}

internal sealed class ContainsPredicate(string text, bool cased) : ValuePredicate
{
    readonly CaselessText? _caseless = cased ? null : new(text);

    public string Text { get; } = text;
    public bool Cased { get; } = cased;
    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) =>
        _caseless is { } c ? c.IndexIn(value) >= 0 : value.Contains(Text, StringComparison.Ordinal);
}

/// <summary><c>*</c>: any value, including the empty one.</summary>
internal sealed class AnyValuePredicate : ValuePredicate
{
    public static readonly AnyValuePredicate Instance = new();
    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) => true;
}
