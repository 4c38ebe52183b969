using System.Text;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Modifiers;

/// <summary>
/// A Sigma string value: literal pieces and the wildcards <c>*</c> and <c>?</c>, after the spec's
/// escaping (<c>\*</c> <c>\?</c> <c>\\</c> escape; a backslash before anything else, or at the end,
/// is literal). Modifiers transform patterns; <see cref="ToPredicate"/> picks the cheapest comparison.
/// </summary>
public sealed class SigmaPattern
{
    public enum PieceKind { Literal, AnyRun, AnyChar }

    public readonly record struct Piece(PieceKind Kind, string Text);

    readonly List<Piece> _pieces;

    SigmaPattern(List<Piece> pieces) => _pieces = pieces;

    public IReadOnlyList<Piece> Pieces => _pieces;

    public bool HasWildcards => _pieces.Exists(p => p.Kind != PieceKind.Literal);

    /// <summary>The literal text (only meaningful when <see cref="HasWildcards"/> is false).</summary>
    public string LiteralText => string.Concat(_pieces.Where(p => p.Kind == PieceKind.Literal).Select(p => p.Text));

    /// <summary>Parses a rule string with wildcards and escapes.</summary>
    public static SigmaPattern Parse(string text)
    {
        var pieces = new List<Piece>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(text[++i]);
                continue;
            }
            if (c is '*' or '?')
            {
                Flush(pieces, literal);
                pieces.Add(new Piece(c == '*' ? PieceKind.AnyRun : PieceKind.AnyChar, ""));
                continue;
            }
            literal.Append(c);
        }
        Flush(pieces, literal);
        return new SigmaPattern(pieces);
    }

    /// <summary>A value taken verbatim (numbers, booleans, encoded text): no wildcards.</summary>
    public static SigmaPattern Literal(string text) => new(text.Length == 0 ? [] : [new Piece(PieceKind.Literal, text)]);

    static void Flush(List<Piece> pieces, StringBuilder literal)
    {
        if (literal.Length == 0) return;
        pieces.Add(new Piece(PieceKind.Literal, literal.ToString()));
        literal.Clear();
    }

    public SigmaPattern WithLeadingAnyRun() =>
        _pieces.Count > 0 && _pieces[0].Kind == PieceKind.AnyRun ? this : new SigmaPattern([new Piece(PieceKind.AnyRun, ""), .. _pieces]);

    public SigmaPattern WithTrailingAnyRun() =>
        _pieces.Count > 0 && _pieces[^1].Kind == PieceKind.AnyRun ? this : new SigmaPattern([.. _pieces, new Piece(PieceKind.AnyRun, "")]);

    /// <summary>A copy with literal pieces rewritten (wildcards kept), e.g. for placeholders or dashes.</summary>
    internal static SigmaPattern FromPieces(IEnumerable<Piece> pieces)
    {
        var list = new List<Piece>();
        var literal = new StringBuilder();
        foreach (var p in pieces)
        {
            if (p.Kind == PieceKind.Literal) literal.Append(p.Text);
            else
            {
                Flush(list, literal);
                list.Add(p);
            }
        }
        Flush(list, literal);
        return new SigmaPattern(list);
    }

    /// <summary>Exact, prefix, suffix, contains, any, or a general glob.</summary>
    internal ValuePredicate ToPredicate(bool cased)
    {
        var p = _pieces;
        if (p.Count == 0) return new ExactPredicate("", cased);
        if (!HasWildcards) return new ExactPredicate(LiteralText, cased);
        if (p.All(x => x.Kind == PieceKind.AnyRun)) return AnyValuePredicate.Instance;
        if (p.Count == 2 && p[0].Kind == PieceKind.Literal && p[1].Kind == PieceKind.AnyRun) return new PrefixPredicate(p[0].Text, cased);
        if (p.Count == 2 && p[0].Kind == PieceKind.AnyRun && p[1].Kind == PieceKind.Literal) return new SuffixPredicate(p[1].Text, cased);
        if (p.Count == 3 && p[0].Kind == PieceKind.AnyRun && p[1].Kind == PieceKind.Literal && p[2].Kind == PieceKind.AnyRun)
            return new ContainsPredicate(p[1].Text, cased);
        return new GlobPredicate(p, cased);
    }

    public override string ToString() => string.Concat(_pieces.Select(p => p.Kind switch
    {
        PieceKind.AnyRun => "*",
        PieceKind.AnyChar => "?",
        _ => p.Text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?"),
    }));
}
