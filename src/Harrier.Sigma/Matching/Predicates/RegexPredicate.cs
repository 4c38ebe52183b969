using System.Text.RegularExpressions;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// <c>re</c>: a .NET regex searched in the value (substring semantics, as the v2.2 draft states),
/// time-bounded. The backtracking engine is cheap to build and fast on ordinary values; when it
/// times out (catastrophic backtracking, e.g. <c>\+.*\+.*…</c> on a long command line) the value is
/// retried with the linear-time engine (built on first need), so the result does not depend on
/// machine load. Only if that fails too is the timeout reported and counted as no match.
/// </summary>
internal sealed class RegexPredicate(Regex regex, int ruleIndex, TimeSpan timeout) : ValuePredicate
{
    Regex? _linear;
    bool _linearUnsupported;

    public Regex Regex { get; } = regex;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            if (Linear() is { } linear)
            {
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
