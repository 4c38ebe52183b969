using BenchmarkDotNet.Attributes;

namespace Harrier.Benchmarks;

/// <summary>The parse loop over a corpus file (in memory after the first read): parse only, EventFields, JSON.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EvtxParseBenchmarks
{
    /// <summary>Set HARRIER_BENCH_EVTX to choose the file; default: the 256 MiB benchmark file in /tmp.</summary>
    public static string FilePath => Environment.GetEnvironmentVariable("HARRIER_BENCH_EVTX") ?? "/tmp/big.evtx";

    [Benchmark(Baseline = true)]
    public long Parse() => EvtxStages.Run(FilePath, "parse");

    [Benchmark]
    public long Fields() => EvtxStages.Run(FilePath, "fields");

    [Benchmark]
    public long Json() => EvtxStages.Run(FilePath, "json");
}
