using System.Text.RegularExpressions;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// <c>re</c>: a .NET regex searched in the value (substring semantics, as the v2.2 draft states),
/// time-bounded. The backtracking engine is cheap to build and fast on ordinary values; when it
/// times out (catastrophic backtracking, e.g. <c>\+.*\+.*…</c> on a long command line) the value is
/// retried with the linear-time engine (built on first need), so the result does not depend on
/// machine load. Only if that fails too is the timeout reported and counted as no match.
/// </summary>
/// <remarks>
/// A pattern with three or more unbounded runs (<c>.*</c>, <c>.+</c>, <c>\S*</c>, <c>[^x]+</c>, …) goes to the
/// linear-time engine: at once with <see cref="LinearAtOnce"/> or more (SigmaHQ's "many special characters" rule spent
/// ~100 µs per PowerShell command line backtracking through <c>\+.*\+.*…</c> without ever timing out), after
/// <see cref="LinearAfter"/> searches with three or four (the engine costs milliseconds to build, which a small
/// collection would pay for a handful of searches), and any regex after its first timeout. Both engines decide the same
/// thing (is there a match), so which one runs changes only the time taken. The choice depends on the pattern and the
/// number of searches, never on timing (except after a timeout).
/// <para>
/// Before either engine runs, the texts every match must contain (<see cref="RegexLiterals"/>) are looked for in the
/// value; if one is absent the answer is "no" without building or running a regex. Most SigmaHQ regexes have such a
/// text (<c>$PSHome[</c>, <c>cmd</c> and <c>powershell</c>, …), and a linear-time engine costs milliseconds and megabytes
/// to build, so most of them are then never built.
/// </para>
/// </remarks>
internal sealed partial class RegexPredicate : ValuePredicate
{
    readonly TimeSpan _timeout;
    Regex? _regex;
    Regex? _linear;
    bool _linearUnsupported;
    volatile bool _preferLinear;
    int _backtrackingSearches; // by this predicate's backtracking engine, counted while it may still hand over
    Required? _required; // with the shape, decided on first use

    /// <summary>The required texts the prefilter looks for: the longest few, longest (rarest) first.</summary>
    internal const int MaxRequired = 3;

    /// <summary>A predicate over a regex already built (and so checked) by the compiler.</summary>
    public RegexPredicate(Regex regex, TimeSpan timeout) : this(regex.ToString(), regex.Options, timeout) => _regex = regex;

    /// <summary>
    /// A predicate over a pattern known to be valid (it compiled before: the compiled-rule cache), whose regex is built
    /// on first use — most rules' regexes never run, because their triggers or cheaper operands rule the event out.
    /// </summary>
    public RegexPredicate(string pattern, RegexOptions options, TimeSpan timeout)
    {
        Pattern = pattern;
        Options = options;
        _timeout = timeout;
    }

    /// <summary>
    /// Three or more unbounded runs of a broad class (<c>.</c>, <c>\S</c>, <c>\W</c>, <c>\D</c>, a negated set): the shape
    /// whose failing searches backtrack combinatorially, since each run can swallow what the next one needs. Runs of
    /// narrow classes between literals they cannot match (<c>\$PSHome\[\s*\d{1,3}\s*\]\s*\+</c>) stay with the
    /// backtracking engine, which builds in microseconds where the linear one takes milliseconds; a search that still
    /// times out falls back to the linear engine.
    /// </summary>
    internal static bool BacktracksBadly(string pattern) => BacktracksBadly(UnboundedRuns(pattern));

    static bool BacktracksBadly(int unboundedRuns) => unboundedRuns >= 3;

    /// <summary>Unbounded runs of a broad class in the pattern (see <see cref="BacktracksBadly(string)"/>).</summary>
    internal static int UnboundedRuns(string pattern) => UnboundedRun().Count(pattern);

    /// <summary>
    /// A pattern with this many unbounded runs goes to the linear-time engine at once: backtracking through 14 of them
    /// (<c>\+.*\+.*…</c>) costs far more per value than building the engine (under a millisecond for such a pattern).
    /// </summary>
    internal const int LinearAtOnce = 5;

    /// <summary>
    /// Other patterns that backtrack badly are searched by the backtracking engine this many times (values that passed
    /// the required-text prefilter) before the linear-time one takes over: building that engine costs 6–10 ms for
    /// SigmaHQ's <c>cmd.{0,5}(?:/c|/r).+powershell.+…</c>, more than a few dozen searches of ordinary command lines, so a
    /// small collection never pays it and a large one pays it once.
    /// </summary>
    internal const int LinearAfter = 64;

    [GeneratedRegex(@"(?<!\\)(?:\.|\\[SWD]|\[\^[^\]]*\])[*+]")]
    private static partial Regex UnboundedRun();

    public string Pattern { get; }
    public RegexOptions Options { get; }

    /// <summary>The backtracking regex, built on first use (thread-safe: racing threads agree on one instance).</summary>
    public Regex Regex => _regex ?? Interlocked.CompareExchange(ref _regex, new Regex(Pattern, Options, _timeout), null) ?? _regex;

    /// <summary>The linear-time engine when built (tests).</summary>
    internal Regex? LinearEngine => _linear;

    /// <summary>Whether the regex has been built (tests).</summary>
    internal bool IsBuilt => _regex is not null;

    /// <summary>The texts every match contains and how they compare (the prefilter; tests).</summary>
    internal Required RequiredTexts => Volatile.Read(ref _required) ?? Decide();

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        var required = RequiredTexts;
        if (!required.AllIn(value)) return false;
        if (!_preferLinear && required.HandsOver && Interlocked.Increment(ref _backtrackingSearches) > LinearAfter) _preferLinear = true;
        if (_preferLinear && Linear() is { } preferred)
        {
            try
            {
                return preferred.IsMatch(value);
            }
            catch (RegexMatchTimeoutException)
            {
                try
                {
                    return Regex.IsMatch(value);
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
            scope.ReportRegexTimeout(Pattern);
            return false;
        }
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            if (Linear() is { } linear)
            {
                _preferLinear = true;
                try
                {
                    return linear.IsMatch(value);
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
            scope.ReportRegexTimeout(Pattern);
            return false;
        }
    }

    /// <summary>Shape and required texts, from the pattern alone (racing threads decide alike).</summary>
    Required Decide()
    {
        var unbounded = UnboundedRuns(Pattern);
        if (unbounded >= LinearAtOnce) _preferLinear = true;
        var (runs, ignoreCase) = RegexLiterals.Scan(Pattern, Options);
        var required = new Required(RegexLiterals.Longest(runs, ignoreCase, MaxRequired, minLength: 1),
            runs.Count > 1 ? [.. runs] : [], ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
        {
            HandsOver = BacktracksBadly(unbounded) && unbounded < LinearAtOnce,
        };
        Volatile.Write(ref _required, required);
        return required;
    }

    /// <summary>
    /// Texts a value must contain (compared as <paramref name="Comparison"/>) for the regex to match: the longest few
    /// (<paramref name="Texts"/>, a quick test of the rarest), and all runs of two or more in pattern order, none
    /// overlapping the next (<paramref name="InOrder"/>: <c>\+.*\+.*\+</c> needs three plus signs, not one).
    /// </summary>
    internal sealed record Required(string[] Texts, string[] InOrder, StringComparison Comparison)
    {
        /// <summary>Whether the pattern goes to the linear-time engine after <see cref="LinearAfter"/> backtracking searches.</summary>
        public bool HandsOver { get; init; }

        // ignoring case: vectorised searches (CaselessText), one per text
        readonly CaselessText[]? _caselessTexts = Comparison == StringComparison.OrdinalIgnoreCase ? [.. Texts.Select(t => new CaselessText(t))] : null;
        readonly CaselessText[]? _caselessInOrder = Comparison == StringComparison.OrdinalIgnoreCase ? [.. InOrder.Select(t => new CaselessText(t))] : null;

        public bool AllIn(ReadOnlySpan<char> value)
        {
            for (var i = 0; i < Texts.Length; i++)
                if ((_caselessTexts is { } c ? c[i].IndexIn(value) : value.IndexOf(Texts[i], Comparison)) < 0) return false;
            // the earliest place of each run after the previous one: if any placement exists, this one does
            // (a case-insensitive match of an ASCII text is as long as the text)
            var rest = value;
            for (var i = 0; i < InOrder.Length; i++)
            {
                var at = _caselessInOrder is { } c ? c[i].IndexIn(rest) : rest.IndexOf(InOrder[i], Comparison);
                if (at < 0) return false;
                rest = rest[(at + InOrder[i].Length)..];
            }
            return true;
        }
    }

    Regex? Linear()
    {
        if (_linear is not null || _linearUnsupported) return _linear;
        // one instance per pattern, built once: SigmaHQ has the same pattern in several rules (process creation, script
        // block, module logging), and two workers asking at once built it twice (5–13 ms and 2 MB each)
        var linear = LinearEngines.GetOrAdd((Pattern, Options, _timeout), static k => new Lazy<Regex?>(() => BuildLinear(k.Pattern, k.Options, k.Timeout))).Value;
        if (linear is null) _linearUnsupported = true;
        else _linear = linear;
        return linear;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Pattern, RegexOptions Options, TimeSpan Timeout), Lazy<Regex?>> LinearEngines = new();

    static Regex? BuildLinear(string pattern, RegexOptions options, TimeSpan timeout)
    {
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking, timeout * 4);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
