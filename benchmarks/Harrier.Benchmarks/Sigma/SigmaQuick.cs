using System.Diagnostics;
using Harrier.Evtx.Events;
using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Benchmarks.Sigma;

/// <summary>One-shot Stopwatch timings of load, compile and matching (complements the BenchmarkDotNet runs).</summary>
internal static class SigmaQuick
{
    public static void Run()
    {
        for (var round = 1; round <= 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var set = SigmaRuleSet.Load(SigmaCorpus.RuleDirectories);
            var load = clock.Elapsed;
            var compiled = SigmaCompiler.Compile(set);
            var total = clock.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var c2 = Stopwatch.StartNew();
            SigmaCompiler.Compile(set, null, SigmaCompileOptions.Default with { SharedLiteralSearch = false });
            Console.WriteLine($"  compile without shared literal search: {c2.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"round {round}: {set.FileCount} files, {compiled.Rules.Count} rules: load {load.TotalMilliseconds:F0} ms, compile {(total - load).TotalMilliseconds:F0} ms, total {total.TotalMilliseconds:F0} ms (CPU {cpuUsed.TotalMilliseconds:F0} ms); shared literal searches {compiled.LiteralSearchSize}");
        }
        var rules = SigmaRuleSet.Load(SigmaCorpus.RuleDirectories);
        var events = SigmaCorpus.LoadEvents();
        foreach (var shared in new[] { true, false })
        {
            var compiled = SigmaCompiler.Compile(rules, null, SigmaCompileOptions.Default with { SharedLiteralSearch = shared });
            var matcher = compiled.CreateMatcher();
            var hits = new List<RuleHit>();
            foreach (var e in events) Match(matcher, e, hits); // warm-up
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long hitCount = 0;
            const int Rounds = 3;
            for (var r = 0; r < Rounds; r++)
                foreach (var e in events) hitCount += Match(matcher, e, hits);
            var elapsed = clock.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var n = (double)events.Count * Rounds;
            Console.WriteLine($"shared literal search {(shared ? "on " : "off")}: {events.Count} events × {Rounds}: {n / elapsed.TotalSeconds:F0} events/s on one thread (wall), {n / cpuUsed.TotalSeconds:F0} events/s per CPU second, " +
                $"{allocated / n:F1} B allocated per event, {hitCount / Rounds} hits per pass, {matcher.Evaluations / (n + events.Count):F1} rule evaluations per event");
            foreach (var (rule, pattern) in matcher.RegexTimeouts) Console.WriteLine($"  regex timeout: {rule.Info.Location}: {pattern}");
        }
    }

    static int Match(RuleMatcher matcher, EventFields e, List<RuleHit> hits)
    {
        hits.Clear();
        matcher.Match(e, hits);
        return hits.Count;
    }
}
