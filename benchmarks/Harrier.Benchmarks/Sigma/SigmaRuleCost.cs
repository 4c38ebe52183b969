using System.Diagnostics;
using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Testing;

namespace Harrier.Benchmarks.Sigma;

/// <summary>
/// `sigma-cost [RULE_DIR]`: where matching time goes, rule by rule. Every event of ../shared/corpus (read from
/// the EVTX files, as hunt reads them) is matched against SigmaHQ's Windows rules; each candidate's evaluation is
/// timed, and the rules costing most are listed with their evaluation counts.
/// </summary>
internal static class SigmaRuleCost
{
    public static void Run(string? ruleDir)
    {
        var rules = SigmaRuleSet.Load([ruleDir ?? SharedData.Path("sigma", "rules", "windows")]);
        var compiled = SigmaCompiler.Compile(rules);
        var events = new List<EventFields>();
        var f = new EventFields();
        foreach (var path in Directory.GetFiles(SharedData.Path("corpus"), "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var file = EvtxFile.Open(path);
                while (file.TryReadNext(f)) events.Add(f.Clone());
            }
            catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException or IOException) { }
        }
        var ticks = new long[compiled.Rules.Count];
        var evals = new long[compiled.Rules.Count];
        var scope = new MatchScope(compiled);
        long total = 0, begin = 0, literal = 0;
        var best = Enumerable.Repeat(long.MaxValue, ticks.Length).ToArray();
        var literalTicks = new long[compiled.LiteralSearches.Length];
        for (var round = 0; round < 5; round++)
        {
            Array.Clear(ticks);
            Array.Clear(evals);
            Array.Clear(literalTicks);
            total = 0;
            begin = 0;
            literal = 0;
            foreach (var e in events)
            {
                var t0 = Stopwatch.GetTimestamp();
                scope.Begin(e);
                var ci = scope.First(FieldNames.Channel);
                var candidates = compiled.Index.Lookup(ci >= 0 ? e.Value(ci) : default, e.EventId);
                var t1 = Stopwatch.GetTimestamp();
                begin += t1 - t0;
                for (var a = 0; a < literalTicks.Length; a++)
                {
                    var s = Stopwatch.GetTimestamp();
                    scope.SearchLiterals(a, compiled.LiteralSearches[a].FieldId);
                    var d = Stopwatch.GetTimestamp() - s;
                    literalTicks[a] += d;
                    literal += d;
                }
                foreach (var c in candidates)
                {
                    var s = Stopwatch.GetTimestamp();
                    if (c.Trigger is { } trigger && !trigger.Fires(scope)) { ticks[c.Rule] += Stopwatch.GetTimestamp() - s; continue; }
                    c.Matcher.Match(scope);
                    var d = Stopwatch.GetTimestamp() - s;
                    ticks[c.Rule] += d;
                    evals[c.Rule]++;
                }
                total += Stopwatch.GetTimestamp() - t0;
            }
            for (var i = 0; i < ticks.Length; i++) best[i] = Math.Min(best[i], ticks[i]);
        }
        ticks = best; // least over the rounds: preemption on a loaded machine only ever adds
        double Ms(long t) => t * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine($"{events.Count} events, {compiled.Rules.Count} rules: total {Ms(total):F0} ms, scope+lookup {Ms(begin):F0} ms, all shared literal searches {Ms(literal):F0} ms, {evals.Sum() / (double)events.Count:F1} evaluations/event");
        Console.WriteLine($"rules: {Ms(ticks.Sum()):F0} ms");
        var searches = compiled.LiteralSearches;
        Console.WriteLine($"{searches.Length} shared literal searches: {searches.Sum(l => l.Automaton.NeedleCount)} needles, {searches.Sum(l => (long)l.Automaton.StateCount)} states, "
            + $"{searches.Count(l => l.Automaton.TableCells > 0)} with tables of {searches.Sum(l => (long)l.Automaton.TableCells) * 4 / 1e6:F1} MB");
        foreach (var a in Enumerable.Range(0, literalTicks.Length).OrderByDescending(a => literalTicks[a]).Take(8))
        {
            var field = compiled.LiteralSearches[a].FieldId;
            Console.WriteLine($"{Ms(literalTicks[a]),8:F1} ms literal search over {(field < 0 ? "all values" : FieldNames.Name(field))} ({compiled.LiteralSearches[a].Needles.Count} needles, {compiled.LiteralSearches[a].Automaton.StateCount} states, table {compiled.LiteralSearches[a].Automaton.TableCells} cells)");
        }
        foreach (var i in Enumerable.Range(0, ticks.Length).OrderByDescending(i => ticks[i]).Take(30))
            Console.WriteLine($"{Ms(ticks[i]),8:F1} ms {evals[i],8} evals {ticks[i] * 1e9 / Stopwatch.Frequency / Math.Max(1, evals[i]),8:F0} ns/eval  {compiled.Rules[i].Info.Path}");
    }
}
