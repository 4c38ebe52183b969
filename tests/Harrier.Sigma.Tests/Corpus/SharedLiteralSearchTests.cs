using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Testing;

namespace Harrier.Sigma.Tests.Corpus;

/// <summary>The shared literal search is an optimisation only: the same hits as searching each needle.</summary>
public class SharedLiteralSearchTests
{
    [Fact]
    public void Same_hits_with_and_without_shared_literal_search_over_the_corpus()
    {
        var set = SigmaRuleSet.Load(new[] { "rules/windows", "rules-emerging-threats", "rules-threat-hunting/windows" }.Select(d => SharedData.Path(["sigma", .. d.Split('/')])));
        var shared = SigmaCompiler.Compile(set);
        var direct = SigmaCompiler.Compile(set, null, SigmaCompileOptions.Default with { SharedLiteralSearch = false });
        Assert.True(shared.LiteralSearchSize.Fields > 10);
        Assert.Equal(0, direct.LiteralSearchSize.Fields);
        var a = shared.CreateMatcher();
        var b = direct.CreateMatcher();
        var ha = new List<RuleHit>();
        var hb = new List<RuleHit>();
        var f = new EventFields();
        long events = 0, hits = 0;
        var differences = new List<string>();
        foreach (var file in Directory.GetFiles(SharedData.Path("reference"), "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(f))
            {
                ha.Clear();
                hb.Clear();
                a.Match(f, ha);
                b.Match(f, hb);
                events++;
                hits += ha.Count;
                var ia = ha.Select(h => h.Rule.Info.DisplayId).ToList();
                var ib = hb.Select(h => h.Rule.Info.DisplayId).ToList();
                if (!ia.SequenceEqual(ib))
                    differences.Add($"{file}:{reader.CurrentLine}: shared [{string.Join(",", ia.Except(ib))}] direct [{string.Join(",", ib.Except(ia))}]");
            }
        }
        Assert.Empty(differences);
        Assert.True(events > 30_000 && hits > 1_000, $"{events} events, {hits} hits");
    }
}
