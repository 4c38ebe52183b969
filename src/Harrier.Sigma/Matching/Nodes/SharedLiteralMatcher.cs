using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching.Nodes;

/// <summary>
/// <c>field|contains: [...]</c> answered from the field's shared literal search: the field's values are
/// scanned once per event for every needle of every rule (Aho–Corasick), and this node only looks up
/// which of its needles were seen.
/// </summary>
internal sealed class SharedLiteralMatcher(int automaton, int fieldId, int[] needles, bool all) : Matcher
{
    public int FieldId => fieldId;

    readonly NeedleSet _set = new(needles);

    /// <summary>The needle ids, distinct, ascending.</summary>
    public int[] Needles => _set.Ids;

    public int Automaton => automaton;

    public bool All => all;

    public override bool Match(MatchScope scope)
    {
        var found = scope.FoundLiterals(automaton);
        var ids = Needles;
        if (all)
        {
            if (found.Length < ids.Length) return false;
            var seen = scope.Stamps(automaton);
            var serial = scope.Serial;
            foreach (var n in ids)
                if (seen[n] != serial) return false;
            return true;
        }
        return _set.AnyFound(scope, automaton, found);
    }

    public override string ToString() => $"{(fieldId < 0 ? "keywords" : FieldNames.Name(fieldId))}|contains{(all ? "|all" : "")}[{Needles.Length} shared]";
}
