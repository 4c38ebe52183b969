using System.Diagnostics;
using BenchmarkDotNet.Running;
using Harrier.Benchmarks;
using Harrier.Benchmarks.Sigma;

// `quick FILE [STAGE]`: one timed pass per stage (parse only, fields, JSON) with Stopwatch, twice
// (with STAGE: that stage five times, e.g. under a profiler);
// `sigma-quick`: Stopwatch timings of the Sigma stages (load, compile, matching the corpus);
// otherwise BenchmarkDotNet (e.g. `--filter *Sigma*`).
if (args.Length is 2 or 3 && args[0] == "quick")
{
    string[] stages = args.Length == 3 ? [args[2], args[2], args[2], args[2], args[2]] : ["parse", "fields", "json", "parse", "fields", "json"];
    foreach (var stage in stages)
    {
        var sw = Stopwatch.StartNew();
        var n = EvtxStages.Run(args[1], stage);
        sw.Stop();
        var mb = new FileInfo(args[1]).Length / 1e6;
        Console.WriteLine($"{stage,-7} {n,9} records {sw.Elapsed.TotalSeconds,7:F2} s {mb / sw.Elapsed.TotalSeconds,8:F0} MB/s  alloc {GC.GetTotalAllocatedBytes() / 1e6:F0} MB total"
            + (stage == "json" ? $"  (compiled {EvtxStages.LastJsonPaths.Compiled}, tree {EvtxStages.LastJsonPaths.Tree})" : "")
            + (stage == "fields" ? $"  (compiled {EvtxStages.LastFieldsPaths.Compiled}, tree {EvtxStages.LastFieldsPaths.Tree})" : ""));
    }
    return;
}
if (args is ["sigma-quick", ..])
{
    SigmaQuick.Run();
    return;
}
if (args is ["sigma-cost", ..])
{
    SigmaRuleCost.Run(args.Length > 1 ? args[1] : null);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EvtxParseBenchmarks).Assembly).Run(args);
