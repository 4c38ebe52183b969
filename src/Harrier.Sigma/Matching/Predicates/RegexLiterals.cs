using System.Text;
using System.Text.RegularExpressions;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// Texts that every match of a .NET regex contains: the literal runs of its top-level sequence. A regex whose required
/// text is absent from a value cannot match it, so <see cref="RegexPredicate"/> answers "no" without building or
/// running the regex, and the shared literal search gates on the same runs (<see cref="Compilation.RequiredLiterals"/>).
/// Only a necessary condition is derived, so the scanner gives up (no runs) on anything not plainly literal.
/// </summary>
/// <remarks>
/// Runs are characters outside groups, classes and escapes of character sets; a top-level <c>|</c> means nothing is
/// required. A character under a quantifier that allows zero (<c>?</c>, <c>*</c>, <c>{0,n}</c>, lazy forms) is dropped;
/// under <c>+</c> or <c>{n,…}</c> (n ≥ 1) it stays and ends the run. Escaped punctuation (<c>\$</c>, <c>\[</c>, <c>\\</c>…)
/// is literal; every other escape, <c>.</c>, <c>^</c> and <c>$</c> end a run. Whitespace-insensitive patterns
/// (<c>(?x)</c>, <see cref="RegexOptions.IgnorePatternWhitespace"/>) and comments yield nothing. Ignoring case, a run keeps
/// only the characters the regex equates with exactly the characters <see cref="StringComparison.OrdinalIgnoreCase"/>
/// does (<see cref="IsSafe"/>).
/// </remarks>
internal static class RegexLiterals
{
    /// <summary>The literal runs of <paramref name="pattern"/>, in pattern order, and whether they compare ignoring case.</summary>
    public static (List<string> Runs, bool IgnoreCase) Scan(string pattern, RegexOptions options)
    {
        var ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
        if ((options & RegexOptions.IgnorePatternWhitespace) != 0 || pattern.Contains("(?#", StringComparison.Ordinal)) return ([], ignoreCase);
        // inline options anywhere: (?i) widens case equivalence, (?x) changes what whitespace means
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            for (var j = i + 2; j < pattern.Length && pattern[j] is 'i' or 'm' or 'n' or 's' or 'x' or '-'; j++)
            {
                if (pattern[j] == 'x') return ([], ignoreCase);
                if (pattern[j] == 'i') ignoreCase = true;
            }
        }
        return (Runs(pattern, ignoreCase) ?? [], ignoreCase);
    }

    /// <summary>
    /// Whether a literal character keeps its meaning under the prefilter's comparison: always when the regex is cased;
    /// ignoring case, ASCII other than k/K (the regex also equates the Kelvin sign U+212A) and i/I (equated with
    /// U+0130/U+0131 under a Turkic culture), the characters for which the regex and ordinal-ignore-case agree.
    /// </summary>
    public static bool IsSafe(char c, bool ignoreCase) => !ignoreCase || (char.IsAscii(c) && c is not ('k' or 'K' or 'i' or 'I'));

    /// <summary>
    /// The longest few runs, longest first, at least <paramref name="minLength"/> long; a run contained in a chosen one
    /// adds nothing and is left out.
    /// </summary>
    public static string[] Longest(List<string> runs, bool ignoreCase, int count, int minLength)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var chosen = new List<string>(count);
        foreach (var run in runs.Where(r => r.Length >= minLength).OrderByDescending(r => r.Length).ThenBy(r => r, StringComparer.Ordinal))
        {
            if (chosen.Count == count) break;
            if (!chosen.Any(c => c.Contains(run, comparison))) chosen.Add(run);
        }
        return [.. chosen];
    }

    static List<string>? Runs(string pattern, bool ignoreCase)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length) return null;
                    var n = pattern[i + 1];
                    if (char.IsAsciiLetterOrDigit(n) || n == '_' || !char.IsAscii(n))
                    {
                        Break();
                        i = SkipEscape(pattern, i);
                        if (i < 0) return null;
                        continue;
                    }
                    i++;
                    Append(n);
                    break;
                case '[':
                    Break();
                    i = SkipClass(pattern, i);
                    if (i < 0) return null;
                    break;
                case '(':
                    Break();
                    i = SkipGroup(pattern, i);
                    if (i < 0) return null;
                    break;
                case ')' or '|' or ']' or '}':
                    return null;
                case '.' or '^' or '$':
                    Break();
                    break;
                case '*' or '?':
                    // the atom before may vanish (a run ends with it only when it was a literal character)
                    if (run.Length > 0) run.Length--;
                    Break();
                    break;
                case '+':
                    Break(); // at least once: the character stays, but what follows need not be adjacent
                    break;
                case '{':
                    var close = Quantifier(pattern, i, out var min);
                    if (close < 0) return null;
                    if (min == 0 && run.Length > 0) run.Length--;
                    Break();
                    i = close;
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

        void Break()
        {
            if (run.Length > 0) runs.Add(run.ToString());
            run.Clear();
        }
    }

    /// <summary>Index of the <c>}</c> of a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> quantifier at <paramref name="i"/>, or −1.</summary>
    static int Quantifier(string p, int i, out int min)
    {
        min = 0;
        var j = i + 1;
        var digits = 0;
        for (; j < p.Length && char.IsAsciiDigit(p[j]); j++, digits++) min = Math.Min(min * 10 + (p[j] - '0'), 1_000_000);
        if (digits == 0) return -1;
        if (j < p.Length && p[j] == ',')
            for (j++; j < p.Length && char.IsAsciiDigit(p[j]); j++) { }
        return j < p.Length && p[j] == '}' ? j : -1;
    }

    /// <summary>Index of the last character of the escape starting at <paramref name="i"/> (a backslash), or −1.</summary>
    static int SkipEscape(string p, int i)
    {
        var n = p[i + 1];
        var j = i + 2;
        switch (n)
        {
            case 'p' or 'P':
                return p.IndexOf('}', j);
            case 'k':
                if (j >= p.Length) return -1;
                var close = p[j] switch { '<' => '>', '{' => '}', '\'' => '\'', _ => '\0' };
                return close == '\0' ? -1 : p.IndexOf(close, j + 1);
            case 'c':
                return j < p.Length ? j : -1;
            case 'x':
                return j + 2 <= p.Length ? j + 1 : -1;
            case 'u':
                return j + 4 <= p.Length ? j + 3 : -1;
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
