using System.Text.RegularExpressions;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Modifiers;

// re with the i / m / s sub-modifiers
internal sealed partial class ItemCompiler
{
    void ApplyRegex(int position)
    {
        if (position != 0) Fail("'re' must be the first modifier");
        foreach (var v in _item.Values)
            if (v.Kind == Model.SigmaValueKind.Null) Fail("'re' needs string values");
        _kind = ValueKind.Regex;
    }

    void ApplyRegexFlag(string flag)
    {
        if (_kind != ValueKind.Regex) Fail($"'{flag}' only follows 're'");
        _regexFlags += flag[0];
    }

    List<ValuePredicate> BuildRegexPredicates()
    {
        var options = RegexOptions.CultureInvariant;
        if (_regexFlags.Contains('i')) options |= RegexOptions.IgnoreCase;
        if (_regexFlags.Contains('m')) options |= RegexOptions.Multiline;
        if (_regexFlags.Contains('s')) options |= RegexOptions.Singleline;
        var list = new List<ValuePredicate>();
        foreach (var text in _texts)
        {
            // Python/PCRE named groups (?P<name>…) are .NET's (?<name>…).
            var pattern = text.Replace("(?P<", "(?<", StringComparison.Ordinal);
            Regex regex;
            try
            {
                regex = new Regex(pattern, options, _options.RegexTimeout);
            }
            catch (ArgumentException e)
            {
                Fail($"invalid regex '{text}': {e.Message}");
                throw;
            }
            list.Add(new RegexPredicate(regex, _options.RegexTimeout));
        }
        return list;
    }
}
