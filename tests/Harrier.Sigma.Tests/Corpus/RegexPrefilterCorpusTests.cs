using System.Text.RegularExpressions;
using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Model;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Testing;
using Xunit.Abstractions;

namespace Harrier.Sigma.Tests.Corpus;

/// <summary>
/// Every <c>|re</c> pattern of the SigmaHQ rule set against every distinct field value of the shared corpus: the regex
/// prefilter never rejects a value its regex matches.
/// </summary>
public class RegexPrefilterCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Prefilter_never_rejects_a_corpus_value_a_sigma_regex_matches()
    {
        var set = SigmaRuleSet.Load(new[] { "rules", "rules-emerging-threats", "rules-threat-hunting" }.Select(d => SharedData.Path("sigma", d)));
        var predicates = new Dictionary<(string, RegexOptions), RegexPredicate>();
        foreach (var rule in set.Rules)
            foreach (var search in rule.Detection.Searches.Values)
                Collect(search, predicates);
        var values = CorpusValues();

        int withTexts = 0, comparisons = 0, matches = 0, rejected = 0;
        var failures = new List<string>();
        foreach (var ((pattern, options), predicate) in predicates.OrderBy(p => p.Key.Item1, StringComparer.Ordinal))
        {
            var required = predicate.RequiredTexts;
            if (required.Texts.Length == 0) continue;
            withTexts++;
            // the linear-time engine where the pattern allows it: the same answers, without backtracking on long values
            Regex regex;
            try
            {
                regex = new Regex(pattern, options | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                regex = new Regex(pattern, options, TimeSpan.FromSeconds(10));
            }
            foreach (var value in values)
            {
                comparisons++;
                var isMatch = regex.IsMatch(value);
                if (isMatch) matches++;
                if (required.AllIn(value)) continue;
                rejected++;
                if (isMatch) failures.Add($"/{pattern}/ ({options}) matches \"{value}\" but [{string.Join(", ", required.Texts)}] are required");
            }
        }
        output.WriteLine($"{predicates.Count} distinct regexes, {withTexts} with required texts; {values.Count} distinct values; " +
            $"{comparisons} comparisons, {matches} matches, {rejected} rejected by the prefilter");
        Assert.Empty(failures);
        Assert.True(predicates.Count > 120, $"{predicates.Count} regexes");
        Assert.True(withTexts * 2 > predicates.Count, $"only {withTexts} of {predicates.Count} regexes have required texts");
        Assert.True(matches > 100, $"{matches} matches");
        Assert.True(rejected * 2 > comparisons, $"{rejected} of {comparisons} rejected");
    }

    /// <summary>Every <c>|re</c> value of the rule, with its options as the compiler sets them (all rules, whatever their log source).</summary>
    static void Collect(SearchNode node, Dictionary<(string, RegexOptions), RegexPredicate> into)
    {
        switch (node)
        {
            case SearchAll a: foreach (var i in a.Items) Collect(i, into); break;
            case SearchAny a: foreach (var i in a.Items) Collect(i, into); break;
            case FieldItem f when f.Modifiers is ["re", ..]:
                var flags = f.Modifiers.Skip(1).ToList();
                var options = RegexOptions.CultureInvariant;
                if (flags.Contains("i")) options |= RegexOptions.IgnoreCase;
                if (flags.Contains("m")) options |= RegexOptions.Multiline;
                if (flags.Contains("s")) options |= RegexOptions.Singleline;
                foreach (var v in f.Values)
                {
                    var pattern = v.Text.Replace("(?P<", "(?<", StringComparison.Ordinal);
                    into.TryAdd((pattern, options), new RegexPredicate(pattern, options, TimeSpan.FromSeconds(10)));
                }
                break;
        }
    }

    /// <summary>The distinct field values of every event in the corpus's reference renderings.</summary>
    static List<string> CorpusValues()
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var f = new EventFields();
        foreach (var file in Directory.GetFiles(SharedData.Path("reference"), "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(f))
                for (var i = 0; i < f.Count; i++)
                    if (f.Value(i).Length > 0) distinct.Add(f.Value(i).ToString());
        }
        return [.. distinct.Order(StringComparer.Ordinal)];
    }
}
