using Harrier.Sigma.Modifiers;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// A pattern with inner wildcards: literal pieces, <c>*</c> (any run) and <c>?</c> (one character).
/// Greedy matching with single-point backtracking to the last <c>*</c>, linear in practice.
/// </summary>
internal sealed class GlobPredicate : ValuePredicate
{
    readonly SigmaPattern.Piece[] _pieces;
    readonly StringComparison _comparison;

    public GlobPredicate(IReadOnlyList<SigmaPattern.Piece> pieces, bool cased)
    {
        _pieces = [.. pieces];
        _comparison = Comparison(cased);
        Cased = cased;
    }

    public bool Cased { get; }

    public IReadOnlyList<SigmaPattern.Piece> Pieces => _pieces;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) => Match(value, 0);

    bool Match(ReadOnlySpan<char> value, int piece)
    {
        var pieces = _pieces;
        var pos = 0;
        for (var p = piece; p < pieces.Length; p++)
        {
            var current = pieces[p];
            switch (current.Kind)
            {
                case SigmaPattern.PieceKind.Literal:
                    if (!value[pos..].StartsWith(current.Text, _comparison)) return false;
                    pos += current.Text.Length;
                    break;
                case SigmaPattern.PieceKind.AnyChar:
                    if (pos >= value.Length) return false;
                    pos++;
                    break;
                default: // AnyRun
                    if (p == pieces.Length - 1) return true;
                    var next = pieces[p + 1];
                    if (next.Kind == SigmaPattern.PieceKind.Literal)
                    {
                        // try each occurrence of the next literal
                        var rest = value[pos..];
                        var offset = 0;
                        while (true)
                        {
                            var i = rest[offset..].IndexOf(next.Text, _comparison);
                            if (i < 0) return false;
                            if (Match(rest[(offset + i)..], p + 1)) return true;
                            offset += i + 1;
                        }
                    }
                    for (var k = pos; k <= value.Length; k++)
                        if (Match(value[k..], p + 1)) return true;
                    return false;
            }
        }
        return pos == value.Length;
    }
}
