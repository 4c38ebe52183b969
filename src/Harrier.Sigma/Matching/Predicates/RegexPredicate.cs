using System.Text.RegularExpressions;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary>
/// <c>re</c>: a .NET regex searched in the value (substring semantics, as the v2.2 draft states),
/// time-bounded. A timeout counts as no match and is reported through the scope.
/// </summary>
internal sealed class RegexPredicate(Regex regex, int ruleIndex) : ValuePredicate
{
    public Regex Regex { get; } = regex;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        try
        {
            return Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            scope.ReportRegexTimeout(ruleIndex, Regex.ToString());
            return false;
        }
    }
}
