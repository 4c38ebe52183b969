using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching.Nodes;

/// <summary><c>field|exists: true</c> and <c>field: null</c> (as exists: false): presence only.</summary>
internal sealed class ExistsMatcher(int fieldId, bool exists) : Matcher
{
    public int FieldId => fieldId;
    public bool Exists => exists;
    public override bool Match(MatchScope scope) => scope.First(fieldId) >= 0 == exists;
    public override string ToString() => $"{FieldNames.Name(fieldId)}|exists={exists}";
}
