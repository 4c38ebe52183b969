using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Hunting.Rules;
using Harrier.Sigma;
using Harrier.Sigma.LogSources;
using Harrier.Sigma.Matching;
using Harrier.Testing;

namespace Harrier.Hunting.Tests.Rules;

/// <summary>Runs the compiled built-in pack over events and counts hits per rule file.</summary>
static class RuleHarness
{
    public static readonly Lazy<CompiledRuleSet> Pack = new(() =>
        SigmaCompiler.Compile(HuntRuleLoader.Load([]), LogSourceMap.Default));

    /// <summary>A peer's evtx_dump rendering of a corpus sample (../shared/reference/&lt;dir&gt;/&lt;file&gt;.jsonl.gz).</summary>
    public static string Reference(string corpusRelative) =>
        SharedData.Path("reference", corpusRelative + ".jsonl.gz");

    /// <summary>Hits of every rule (generating or not) keyed by "builtin:dir/file.yml#title".</summary>
    public static Dictionary<string, int> Hits(string jsonlPath)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = EvtxJsonReader.Open(jsonlPath);
        Count(reader, counts);
        Assert.Empty(reader.Errors);
        return counts;
    }

    public static Dictionary<string, int> Hits(IEnumerable<EventFields> events)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var matcher = Pack.Value.CreateMatcher();
        var hits = new List<RuleHit>();
        foreach (var e in events)
        {
            hits.Clear();
            matcher.Match(e, hits);
            foreach (var h in hits) counts[h.Rule.Info.Path] = counts.GetValueOrDefault(h.Rule.Info.Path) + 1;
        }
        return counts;
    }

    static void Count(EvtxJsonReader reader, Dictionary<string, int> counts)
    {
        var matcher = Pack.Value.CreateMatcher();
        var hits = new List<RuleHit>();
        var e = new EventFields();
        while (reader.Read(e))
        {
            hits.Clear();
            matcher.Match(e, hits);
            foreach (var h in hits) counts[h.Rule.Info.Path] = counts.GetValueOrDefault(h.Rule.Info.Path) + 1;
        }
    }
}
