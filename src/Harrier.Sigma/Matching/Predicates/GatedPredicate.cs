namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// A wildcard pattern or regex behind its required literals (<see cref="Compilation.RequiredLiterals"/>): the field's
/// shared literal search (one pass per event) tells whether each literal occurs in some value of the field; if one is
/// absent the inner test cannot succeed on any value, so it is not run. The answer is always the inner test's.
/// </summary>
internal sealed class GatedPredicate(ValuePredicate inner, int automaton, int fieldId, int[] needles) : ValuePredicate
{
    public ValuePredicate Inner => inner;
    public int Automaton => automaton;
    public int FieldId => fieldId;
    public int[] Needles => needles;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        var seen = scope.SearchLiterals(automaton, fieldId);
        var serial = scope.Serial;
        foreach (var n in needles)
            if (seen[n] != serial) return false;
        return inner.IsMatch(value, scope);
    }
}
