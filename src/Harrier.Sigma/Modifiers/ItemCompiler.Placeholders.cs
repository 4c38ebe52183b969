using System.Text;

namespace Harrier.Sigma.Modifiers;

// expand: %name% placeholders replaced by the user's values (each value ORed); \% is a literal %.
internal sealed partial class ItemCompiler
{
    void ApplyExpand()
    {
        RequirePatterns("expand");
        _patterns = ReplaceLiterals(text =>
        {
            var texts = new List<string> { "" };
            foreach (var (part, placeholder) in SplitPlaceholders(text))
            {
                if (placeholder is null)
                {
                    texts = texts.ConvertAll(t => t + part);
                    continue;
                }
                if (!_options.Placeholders.TryGetValue(placeholder, out var values) || values.Count == 0)
                    throw new UnresolvedPlaceholderException(_item.Line, placeholder);
                texts = [.. texts.SelectMany(t => values.Select(v => t + v))];
            }
            return texts;
        });
    }

    /// <summary>
    /// Every pattern becomes one pattern per combination of its literal runs' alternatives (wildcards are
    /// kept as they are): the shared shape of <c>expand</c> and <c>windash</c>.
    /// </summary>
    List<SigmaPattern> ReplaceLiterals(Func<string, List<string>> alternatives)
    {
        var result = new List<SigmaPattern>();
        foreach (var p in _patterns)
        {
            var variants = new List<List<SigmaPattern.Piece>> { new() };
            foreach (var piece in p.Pieces)
            {
                if (piece.Kind != SigmaPattern.PieceKind.Literal)
                {
                    foreach (var v in variants) v.Add(piece);
                    continue;
                }
                var texts = alternatives(piece.Text);
                variants = [.. variants.SelectMany(v => texts.Select(t => new List<SigmaPattern.Piece>(v) { new(SigmaPattern.PieceKind.Literal, t) }))];
            }
            result.AddRange(variants.Select(SigmaPattern.FromPieces));
        }
        return result;
    }

    /// <summary>Literal runs and placeholder names, in order.</summary>
    static List<(string Text, string? Placeholder)> SplitPlaceholders(string s)
    {
        var parts = new List<(string, string?)>();
        var literal = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '%')
            {
                literal.Append('%');
                i++;
                continue;
            }
            if (s[i] == '%')
            {
                var end = s.IndexOf('%', i + 1);
                if (end > i + 1)
                {
                    if (literal.Length > 0) parts.Add((literal.ToString(), null));
                    literal.Clear();
                    parts.Add(("", s[(i + 1)..end]));
                    i = end;
                    continue;
                }
            }
            literal.Append(s[i]);
        }
        if (literal.Length > 0) parts.Add((literal.ToString(), null));
        return parts;
    }
}
