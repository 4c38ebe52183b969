using BenchmarkDotNet.Attributes;
using Harrier.Evtx.Events;
using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Benchmarks.Sigma;

/// <summary>Load + compile of SigmaHQ's Windows rules.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SigmaLoadCompileBenchmarks
{
    [Benchmark]
    public int LoadAndCompile() => SigmaCompiler.Compile(SigmaRuleSet.Load(SigmaCorpus.RuleDirectories)).Rules.Count;
}

/// <summary>
/// Matching every event of the shared corpus against all Windows rules on one thread, with and
/// without the shared literal search. One operation = one pass over all events; divide by
/// <see cref="EventCount"/> for per-event figures.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SigmaMatchBenchmarks
{
    List<EventFields> _events = [];
    RuleMatcher _matcher = null!;
    readonly List<RuleHit> _hits = [];

    [Params(true, false)]
    public bool SharedLiteralSearch { get; set; }

    public int EventCount => _events.Count;

    [GlobalSetup]
    public void Setup()
    {
        _events = SigmaCorpus.LoadEvents();
        var compiled = SigmaCompiler.Compile(SigmaRuleSet.Load(SigmaCorpus.RuleDirectories), null,
            SigmaCompileOptions.Default with { SharedLiteralSearch = SharedLiteralSearch });
        _matcher = compiled.CreateMatcher();
        Console.WriteLine($"// {_events.Count} events, {compiled.Rules.Count} rules");
    }

    [Benchmark]
    public int MatchCorpus()
    {
        var n = 0;
        foreach (var e in _events)
        {
            _hits.Clear();
            _matcher.Match(e, _hits);
            n += _hits.Count;
        }
        return n;
    }
}
