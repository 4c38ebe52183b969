using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching.Nodes;

public enum FieldRefMode { Equals, Contains, StartsWith, EndsWith }

/// <summary><c>field|fieldref: other</c>: some value of field compares to some value of the other field.</summary>
internal sealed class FieldRefMatcher(int fieldId, int otherId, FieldRefMode mode, bool cased) : Matcher
{
    public int FieldId => fieldId;
    public int OtherId => otherId;
    public FieldRefMode Mode => mode;
    public bool Cased => cased;

    public override bool Match(MatchScope scope)
    {
        var e = scope.Event;
        var cmp = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var i = scope.First(fieldId); i >= 0; i = scope.Next(i))
        {
            var v = e.Value(i);
            for (var j = scope.First(otherId); j >= 0; j = scope.Next(j))
            {
                var o = e.Value(j);
                var ok = mode switch
                {
                    FieldRefMode.Contains => v.Contains(o, cmp),
                    FieldRefMode.StartsWith => v.StartsWith(o, cmp),
                    FieldRefMode.EndsWith => v.EndsWith(o, cmp),
                    _ => v.Equals(o, cmp),
                };
                if (ok) return true;
            }
        }
        return false;
    }

    public override string ToString() => $"{FieldNames.Name(fieldId)}|fieldref|{mode}={FieldNames.Name(otherId)}";
}
