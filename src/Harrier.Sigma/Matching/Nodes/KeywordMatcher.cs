using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Matching.Nodes;

/// <summary>
/// A keyword list: some value of any field contains one keyword (with <c>|all</c>: every keyword
/// occurs in some value). EVTX has no separate "message" text, so the field values are the message.
/// </summary>
internal sealed class KeywordMatcher(ValuePredicate[] predicates, bool all) : Matcher
{
    public ValuePredicate[] Predicates => predicates;
    public bool All => all;

    public override bool Match(MatchScope scope)
    {
        var e = scope.Event;
        if (all)
        {
            foreach (var p in predicates)
            {
                var found = false;
                for (var i = 0; i < e.Count && !found; i++) found = p.IsMatch(e.Value(i), scope);
                if (!found) return false;
            }
            return true;
        }
        for (var i = 0; i < e.Count; i++)
        {
            var v = e.Value(i);
            foreach (var p in predicates)
                if (p.IsMatch(v, scope)) return true;
        }
        return false;
    }

    public override string ToString() => $"keywords{(all ? "|all" : "")}[{predicates.Length}]";
}
