using Harrier.Evtx.Events;
using Harrier.Sigma;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Sigma;

/// <summary><c>harrier rules test</c>: which rules match which records (and which correlations fire).</summary>
public sealed class RulesTestCommand : AsyncCommand<RulesTestSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RulesTestSettings settings, CancellationToken cancellationToken)
    {
        if (SigmaSetup.Prepare(settings) is not var (map, options)) return Task.FromResult(2);
        if (!File.Exists(settings.Rules) && !Directory.Exists(settings.Rules))
        {
            Console.Error.WriteLine($"harrier: {settings.Rules}: no such rule file or directory");
            return Task.FromResult(2);
        }
        var set = SigmaRuleSet.Load([settings.Rules]);
        var compiled = SigmaCompiler.Compile(set, map, options);
        foreach (var d in compiled.Diagnostics) Console.Error.WriteLine(d);
        foreach (var u in compiled.Unused) Console.Error.WriteLine(u);
        var matcher = compiled.CreateMatcher();
        var engine = new CorrelationEngine(compiled);
        var hits = new List<RuleHit>();
        var alerts = new List<CorrelationAlert>();
        var e = new EventFields();
        var status = 0;
        long events = 0, matched = 0;
        var files = settings.Events.SelectMany(p => Directory.Exists(p)
            ? Directory.GetFiles(p, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p]);
        foreach (var file in files)
        {
            using var reader = EventSource.Open(file);
            if (reader is null)
            {
                status = 2;
                continue;
            }
            while (reader.Read(e))
            {
                events++;
                hits.Clear();
                matcher.Match(e, hits);
                if (hits.Count > 0) matched++;
                foreach (var h in hits)
                    Console.WriteLine($"{file}\trecord {e.RecordId}\t{h.Rule.Info.Level}\t{h.Rule.Info.DisplayId}\t{h.Rule.Info.Title}{(h.Rule.Generates ? "" : "\t(correlation input)")}");
                alerts.Clear();
                engine.Process(e, hits, alerts);
                PrintAlerts(alerts);
            }
            foreach (var err in reader.Problems) Console.Error.WriteLine($"harrier: {err}");
        }
        alerts.Clear();
        engine.Flush(alerts);
        PrintAlerts(alerts);
        foreach (var (rule, pattern) in matcher.RegexTimeouts) Console.Error.WriteLine($"harrier: {rule.Info.Location}: regex timed out: {pattern}");
        Console.Error.WriteLine($"{events} events, {matched} matched, {compiled.Rules.Count} rules");
        return Task.FromResult(status);
    }

    static void PrintAlerts(List<CorrelationAlert> alerts)
    {
        foreach (var a in alerts.Where(a => a.Correlation.Generates))
            Console.WriteLine($"correlation\t{a.Correlation.Info.Level}\t{a.Correlation.Info.DisplayId}\t{a.Correlation.Info.Title}\t" +
                $"{string.Join(",", a.Group.Select(g => $"{g.Key}={g.Value}"))}\tvalue {a.Value}\trecords {string.Join(",", a.Events.Select(x => x.RecordId))}");
    }
}
