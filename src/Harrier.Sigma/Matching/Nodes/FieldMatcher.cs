using Harrier.Evtx.Events;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Matching.Nodes;

/// <summary>
/// <c>field: values</c>: true when some value of the (possibly multi-valued) field satisfies one
/// predicate; with <c>all</c>, every predicate must be satisfied by some value (each by any element).
/// An absent field satisfies nothing.
/// </summary>
internal sealed class FieldMatcher(int fieldId, ValuePredicate[] predicates, bool all) : Matcher
{
    public int FieldId { get; } = fieldId;
    public ValuePredicate[] Predicates { get; } = predicates;
    public bool All { get; } = all;

    public override bool Match(MatchScope scope)
    {
        if (All)
        {
            foreach (var p in Predicates)
                if (!AnyValue(scope, p)) return false;
            return true;
        }
        var e = scope.Event;
        for (var i = scope.First(FieldId); i >= 0; i = scope.Next(i))
        {
            var v = e.Value(i);
            foreach (var p in Predicates)
                if (p.IsMatch(v, scope)) return true;
        }
        return false;
    }

    bool AnyValue(MatchScope scope, ValuePredicate p)
    {
        var e = scope.Event;
        for (var i = scope.First(FieldId); i >= 0; i = scope.Next(i))
            if (p.IsMatch(e.Value(i), scope)) return true;
        return false;
    }

    public override string ToString() => $"{FieldNames.Name(FieldId)}{(All ? "|all" : "")}[{Predicates.Length}]";
}
