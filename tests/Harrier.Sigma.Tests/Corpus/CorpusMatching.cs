using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Sigma.Matching;
using Harrier.Testing;

namespace Harrier.Sigma.Tests.Corpus;

/// <summary>Matches the shared corpus (its reference renderings, in path order) with two compiled sets, event by event.</summary>
internal static class CorpusMatching
{
    /// <returns>Events read, hits of <paramref name="a"/>, and every event whose hits differ (file:line and the rules only one set hit).</returns>
    public static (long Events, long Hits, List<string> Differences) Compare(CompiledRuleSet a, CompiledRuleSet b, int files = int.MaxValue)
    {
        var ma = a.CreateMatcher();
        var mb = b.CreateMatcher();
        var ha = new List<RuleHit>();
        var hb = new List<RuleHit>();
        var f = new EventFields();
        long events = 0, hits = 0;
        var differences = new List<string>();
        foreach (var file in Directory.GetFiles(SharedData.Path("reference"), "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(files))
        {
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(f))
            {
                ha.Clear();
                hb.Clear();
                ma.Match(f, ha);
                mb.Match(f, hb);
                events++;
                hits += ha.Count;
                var ia = ha.Select(h => h.Rule.Info.DisplayId).ToList();
                var ib = hb.Select(h => h.Rule.Info.DisplayId).ToList();
                if (!ia.SequenceEqual(ib))
                    differences.Add($"{file}:{reader.CurrentLine}: a [{string.Join(",", ia.Except(ib))}] b [{string.Join(",", ib.Except(ia))}]");
            }
        }
        return (events, hits, differences);
    }
}
