using Harrier.Evtx.Events;
using Harrier.Sigma.Matching.Nodes;

namespace Harrier.Sigma.Modifiers;

// fieldref: compare with another field of the same event (combines with contains/startswith/endswith, cased, neq)
internal sealed partial class ItemCompiler
{
    void ApplyFieldRef()
    {
        RequirePatterns("fieldref");
        if (_patterns.Count > 0 && _patterns[0].HasWildcards)
        {
            // contains/startswith/endswith written before fieldref added wildcards: read the intent from them
            var first = _patterns[0].Pieces;
            var leading = first[0].Kind == SigmaPattern.PieceKind.AnyRun;
            var trailing = first[^1].Kind == SigmaPattern.PieceKind.AnyRun;
            _fieldRefMode = leading && trailing ? FieldRefMode.Contains : leading ? FieldRefMode.EndsWith : trailing ? FieldRefMode.StartsWith : FieldRefMode.Equals;
        }
        _kind = ValueKind.FieldRef;
    }

    Matcher BuildFieldRef(int fieldId)
    {
        if (fieldId < 0) Fail("fieldref needs a field");
        var matchers = _patterns.Select(p => (Matcher)new FieldRefMatcher(fieldId, FieldNames.Intern(p.LiteralText), _fieldRefMode, _cased)).ToArray();
        return matchers.Length == 1 ? matchers[0] : _all ? new AndMatcher(matchers) : new OrMatcher(matchers);
    }
}
