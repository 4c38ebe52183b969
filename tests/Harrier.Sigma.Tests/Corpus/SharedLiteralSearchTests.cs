using Harrier.Sigma.Loading;
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
        var (events, hits, differences) = CorpusMatching.Compare(shared, direct);
        Assert.Empty(differences);
        Assert.True(events > 30_000 && hits > 1_000, $"{events} events, {hits} hits");
    }
}
