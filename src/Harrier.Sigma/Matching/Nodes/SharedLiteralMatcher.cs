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

    public override bool Match(MatchScope scope)
    {
        var seen = scope.SearchLiterals(automaton, fieldId);
        var serial = scope.Serial;
        if (all)
        {
            foreach (var n in needles)
                if (seen[n] != serial) return false;
            return true;
        }
        foreach (var n in needles)
            if (seen[n] == serial) return true;
        return false;
    }

    public override string ToString() => $"{(fieldId < 0 ? "keywords" : FieldNames.Name(fieldId))}|contains{(all ? "|all" : "")}[{needles.Length} shared]";
}
