using System.Diagnostics;
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
/// A regex whose backtracking search once took longer than <see cref="SlowMicroseconds"/> switches to the
/// linear-time engine for good (when the pattern allows it): SigmaHQ's "many special characters" rule spent
/// ~100 µs per PowerShell command line backtracking through <c>\+.*\+.*…</c> without ever timing out. Both
/// engines decide the same thing (is there a match), so which one runs changes only the time taken.
/// </remarks>
internal sealed class RegexPredicate(Regex regex, int ruleIndex, TimeSpan timeout) : ValuePredicate
{
    const int SlowMicroseconds = 20;
    static readonly long SlowTicks = Stopwatch.Frequency * SlowMicroseconds / 1_000_000;

    Regex? _linear;
    bool _linearUnsupported;
    volatile bool _preferLinear;

    public Regex Regex { get; } = regex;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
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
            scope.ReportRegexTimeout(ruleIndex, Regex.ToString());
            return false;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            var matched = Regex.IsMatch(value);
            if (Stopwatch.GetTimestamp() - started > SlowTicks && !_linearUnsupported) _preferLinear = true;
            return matched;
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
            scope.ReportRegexTimeout(ruleIndex, Regex.ToString());
            return false;
        }
    }

    Regex? Linear()
    {
        if (_linear is not null || _linearUnsupported) return _linear;
        try
        {
            // benign race: two threads may both build it; either instance is equivalent
            _linear = new Regex(Regex.ToString(), Regex.Options | RegexOptions.NonBacktracking, timeout * 4);
        }
        catch (NotSupportedException)
        {
            _linearUnsupported = true;
        }
        return _linear;
    }
}
