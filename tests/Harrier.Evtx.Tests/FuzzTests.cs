using System.Diagnostics;
using Harrier.Evtx.Fuzz;
using Harrier.Testing;

namespace Harrier.Evtx.Tests;

/// <summary>
/// A bounded run of the seeded mutation fuzzer (fuzz/Harrier.Fuzz): mutated real chunks must never
/// make anything but EvtxFormatException/EvtxNotSupportedException arise (the reader turns those into
/// failed records), and never hang.
/// </summary>
public class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Mutated_chunks_only_ever_fail_records(int seed)
    {
        var files = Directory.EnumerateFiles(SharedData.Corpus("evtx-crate-samples"), "*.evtx").Order(StringComparer.Ordinal);
        var fuzzer = new MutationFuzzer(files, seed);
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < 20)
        {
            var before = Stopwatch.GetTimestamp();
            fuzzer.RunOne();
            Assert.True(Stopwatch.GetElapsedTime(before).TotalSeconds < 5, $"one input took over 5 s (seed {seed}, execution {fuzzer.Executions})");
        }
        Assert.True(fuzzer.Executions > 100, $"only {fuzzer.Executions} executions");
        Assert.True(fuzzer.RecordsRead > 0);
    }
}
