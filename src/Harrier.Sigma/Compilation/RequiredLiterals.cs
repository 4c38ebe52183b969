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
        GlobPredicate g => Pick(g.Pieces.Where(p => p.Kind == SigmaPattern.PieceKind.Literal).SelectMany(p => SplitUnsafe(p.Text))),
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
    /// Splits at surrogates, which the literal search (ordinal, simple-case-folding) may not equate the way the matcher
    /// does. A case-insensitive regex's runs are safe already (<see cref="RegexLiterals.IsSafe"/>); a cased regex or
    /// wildcard pattern compares exactly, which the search's case folding only widens.
    /// </summary>
    static IEnumerable<string> SplitUnsafe(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsSurrogate(text[i])) continue;
            if (i > start) yield return text[start..i];
            start = i + 1;
        }
    }

    /// <summary>The literal runs of a regex (<see cref="RegexLiterals"/>) the shared literal search can look for.</summary>
    internal static List<string> FromRegex(string pattern, RegexOptions options) =>
        RegexLiterals.Scan(pattern, options).Runs.SelectMany(SplitUnsafe).ToList();
}
