using System.Text;
using System.Text.RegularExpressions;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Sigma.Modifiers;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// Literal texts that every value matched by a wildcard pattern or a regex must contain. The shared literal search
/// finds them (ignoring case) once per event; a pattern whose required literal is absent cannot match, so its
/// comparison or regex is skipped (<see cref="GatedPredicate"/>). Only a necessary condition is derived here, so the
/// analysis may give up (return nothing) whenever a construct is not plainly literal.
/// </summary>
internal static class RequiredLiterals
{
    /// <summary>Shorter literals occur in almost every value: no use as a gate.</summary>
    public const int MinLength = 3;

    /// <summary>The longest few are the rarest; more would only grow the automaton.</summary>
    public const int MaxPerPredicate = 3;

    public static IReadOnlyList<string> Of(ValuePredicate predicate) => predicate switch
    {
        GlobPredicate g => Pick(g.Pieces.Where(p => p.Kind == SigmaPattern.PieceKind.Literal).SelectMany(p => SplitUnsafe(p.Text, ignoreCase: false))),
        RegexPredicate r => Pick(FromRegex(r.Pattern, r.Options)),
        _ => [],
    };

    /// <summary>
    /// One literal that every value matched by <paramref name="predicate"/> contains (ignoring case), or null: the text
    /// of an exact, prefix, suffix or contains test, or the longest required literal of a wildcard pattern or regex.
    /// </summary>
    public static string? Needle(ValuePredicate predicate) => predicate switch
    {
        ExactPredicate e => Usable(e.Text),
        PrefixPredicate p => Usable(p.Text),
        SuffixPredicate s => Usable(s.Text),
        ContainsPredicate c => Usable(c.Text),
        GatedPredicate g => Needle(g.Inner),
        _ => Of(predicate) is [var first, ..] ? first : null,
    };

    static string? Usable(string text) => text.Length >= MinLength && !text.Any(char.IsSurrogate) ? text : null;

    static List<string> Pick(IEnumerable<string> literals) =>
        literals.Where(l => l.Length >= MinLength).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(l => l.Length).ThenBy(l => l, StringComparer.Ordinal).Take(MaxPerPredicate).ToList();

    /// <summary>
    /// Splits at characters the (ordinal, simple-case-folding) literal search may not equate the way the matcher does:
    /// surrogates always, and with regex ignore-case everything but ASCII other than k/K (the regex engine also
    /// equates k with the Kelvin sign U+212A, which upper-case folding does not).
    /// </summary>
    static IEnumerable<string> SplitUnsafe(string text, bool ignoreCase)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsSafe(text[i], ignoreCase)) continue;
            if (i > start) yield return text[start..i];
            start = i + 1;
        }
    }

    internal static bool IsSafe(char c, bool regexIgnoreCase) =>
        !char.IsSurrogate(c) && (!regexIgnoreCase || (char.IsAscii(c) && c is not ('k' or 'K')));

    /// <summary>
    /// The literal runs of a regex's top-level sequence (no top-level alternation): characters outside groups,
    /// classes and escapes of character sets, not under a quantifier. Any of them must occur in a match.
    /// </summary>
    internal static List<string> FromRegex(string pattern, RegexOptions options)
    {
        if ((options & RegexOptions.IgnorePatternWhitespace) != 0) return [];
        var ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
        // inline options anywhere: (?i) widens case equivalence, (?x) changes what whitespace means
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            var j = i + 2;
            while (j < pattern.Length && pattern[j] is 'i' or 'm' or 'n' or 's' or 'x' or '-')
            {
                if (pattern[j] == 'x') return [];
                if (pattern[j] == 'i') ignoreCase = true;
                j++;
            }
        }
        var runs = new List<string>();
        var run = new StringBuilder();
        void Break()
        {
            if (run.Length > 0) runs.Add(run.ToString());
            run.Clear();
        }
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length) return [];
                    var n = pattern[i + 1];
                    if (char.IsAsciiLetterOrDigit(n) || n == '_' || !char.IsAscii(n))
                    {
                        Break();
                        i = SkipEscape(pattern, i);
                        if (i < 0) return [];
                        continue;
                    }
                    i++;
                    Append(n);
                    break;
                case '[':
                    Break();
                    i = SkipClass(pattern, i);
                    if (i < 0) return [];
                    break;
                case '(':
                    Break();
                    i = SkipGroup(pattern, i);
                    if (i < 0) return [];
                    break;
                case ')' or '|' or ']' or '}':
                    return [];
                case '.' or '^' or '$':
                    Break();
                    break;
                case '*' or '+' or '?' or '{':
                    // a quantifier: the atom before it may repeat or vanish
                    if (run.Length > 0) run.Length--;
                    Break();
                    if (c == '{')
                    {
                        var close = pattern.IndexOf('}', i);
                        if (close < 0) return [];
                        i = close;
                    }
                    break;
                default:
                    Append(c);
                    break;
            }
        }
        Break();
        return runs;

        void Append(char ch)
        {
            if (IsSafe(ch, ignoreCase)) run.Append(ch);
            else Break();
        }
    }

    /// <summary>Index of the last character of the escape starting at <paramref name="i"/> (a backslash), or −1.</summary>
    static int SkipEscape(string p, int i)
    {
        var n = p[i + 1];
        var j = i + 2;
        switch (n)
        {
            case 'p' or 'P':
                j = p.IndexOf('}', j);
                return j;
            case 'k':
                if (j >= p.Length) return -1;
                var close = p[j] switch { '<' => '>', '{' => '}', '\'' => '\'', _ => '\0' };
                return close == '\0' ? -1 : p.IndexOf(close, j + 1);
            case 'c':
                return j < p.Length ? j : -1;
            case 'x' or 'u':
                while (j < p.Length && char.IsAsciiHexDigit(p[j])) j++;
                return j - 1;
            case >= '0' and <= '9':
                while (j < p.Length && char.IsAsciiDigit(p[j])) j++;
                return j - 1;
            default:
                return i + 1;
        }
    }

    /// <summary>Index of the <c>]</c> closing the class at <paramref name="i"/> (nested subtractions included), or −1.</summary>
    static int SkipClass(string p, int i)
    {
        var j = i + 1;
        if (j < p.Length && p[j] == '^') j++;
        if (j < p.Length && p[j] == ']') j++; // a leading ] is literal
        var depth = 0;
        for (; j < p.Length; j++)
        {
            switch (p[j])
            {
                case '\\': j++; break;
                case '[':
                    if (p[j - 1] != '-') return -1; // only subtraction nests
                    depth++;
                    break;
                case ']':
                    if (depth == 0) return j;
                    depth--;
                    break;
            }
        }
        return -1;
    }

    /// <summary>Index of the <c>)</c> closing the group at <paramref name="i"/>, or −1.</summary>
    static int SkipGroup(string p, int i)
    {
        var depth = 0;
        for (var j = i; j < p.Length; j++)
        {
            switch (p[j])
            {
                case '\\': j++; break;
                case '[':
                    j = SkipClass(p, j);
                    if (j < 0) return -1;
                    break;
                case '(': depth++; break;
                case ')':
                    if (--depth == 0) return j;
                    break;
            }
        }
        return -1;
    }
}
