using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Rules;
using Harrier.Sigma;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Model;

namespace Harrier.Hunting.Scanning;

/// <summary>
/// The hunt pipeline: files → records → rule matches → alerts. Records are read by <see cref="HuntOptions.Threads"/>
/// workers (large EVTX files split into segments); single-event alerts go to per-worker alert stores; events
/// that feed correlations are kept (reduced to the fields correlations use), sorted by time and run through the
/// correlation engine after the scan. <see cref="HuntResult.Emit"/> then merges everything in
/// <see cref="AlertOrder"/>. Same input and options → same alerts in the same order, whatever the thread count.
/// </summary>
public static partial class HuntScanner
{
    /// <summary>Loads and compiles the rules, scans every input and runs the correlations.</summary>
    public static HuntResult Run(HuntOptions options, IProgress<ScanProgress>? progress = null, CancellationToken cancel = default)
    {
        // the first entry marks the start: each phase's time and allocations are the difference from the entry before it
        List<PhaseMark> phases = [new("", TimeSpan.Zero)];
        var started = System.Diagnostics.Stopwatch.StartNew();
        // the inputs are found (a directory walk and a look at each file's first bytes) on the core that loading and
        // compiling the rules leave idle
        var discovery = Task.Run(() => InputDiscovery.Find(options.Inputs, options.ZipLimits), cancel);
        var compileOptions = SigmaCompileOptions.Default with { Placeholders = options.Placeholders, CacheDirectory = options.RuleCacheDirectory };
        // the compiled-rule cache is read on the other core while the rule documents decode
        var ruleSet = HuntRuleLoader.Load(options.SigmaPaths, cacheDirectory: options.RuleCacheDirectory, compileAhead: compileOptions);
        phases.Add(new("load rules", started.Elapsed));
        // A full collection now, while the heap holds little more than the rule documents (their detections and notes
        // still undecoded in the mapped cache): it costs a few milliseconds, and the collector sizes its older generation
        // from it. Without it the first full collection came in the scan or the correlation, marking every decoded matcher
        // and alert (corpus 0.281 → 0.247 s, big.evtx 0.696 → 0.689 s; docs/benchmarks.md).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        // the shipped log source map (null), so the compiled-rule cache next to the parsed-rule cache can serve
        var compiled = SigmaCompiler.Compile(ruleSet, null, compileOptions);
        var problems = new List<RuleProblem>();
        foreach (var d in compiled.Diagnostics.Concat(ruleSet.Diagnostics).Distinct())
            problems.Add(new RuleProblem($"{d.File}:{d.Line}", (d.RuleId is null ? "" : d.RuleId + ": ") + d.Reason));
        foreach (var u in compiled.Unused.Where(u => u.Kind != UnusedReason.NotApplicable))
            problems.Add(new RuleProblem($"{u.Info.Path}:{u.Line}", $"{u.Info.DisplayId}: {u.Kind}: {u.Reason}"));
        var plan = Plan(compiled, options.Selection);
        // No forced collection here (it cost 60-80 ms when the compiled rules were decoded whole; 15 ms still, and a slower
        // scan): with the rule caches warm, loading and compiling leave little garbage (no YAML trees, automaton builders
        // or regex parses); peak RSS of big.evtx stays under 300 MiB.
        phases.Add(new("compile rules", started.Elapsed));

        var (files, unreadable) = discovery.GetAwaiter().GetResult();
        var temp = Path.Combine(options.TempDirectory, "harrier-hunt-" + Guid.NewGuid().ToString("N"));
        var result = new HuntResult(plan, files, unreadable, problems, compiled.Rules.Count + compiled.Correlations.Count, temp, started, phases,
            options.KeepEventFields ? null : SummaryFields());
        try
        {
            Scan(plan, files, options, result, progress, cancel);
            phases.Add(new("scan", started.Elapsed));
            progress?.Report(new ScanProgress("correlating", files.Count, files.Count, files.Sum(f => f.Bytes), files.Sum(f => f.Bytes), result.RecordsSeen));
            Correlate(plan, result, options);
            phases.Add(new("correlate", started.Elapsed));
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>The fields alerts keep when <see cref="HuntOptions.KeepEventFields"/> is off: those the summary reads.</summary>
    static bool[] SummaryFields()
    {
        int[] ids = [FieldNames.Computer, FieldNames.Channel, FieldNames.Provider, .. AlertStatisticsBuilder.AccountFieldIds];
        var kept = new bool[ids.Max() + 1];
        foreach (var id in ids) kept[id] = true;
        return kept;
    }

    static ScanPlan Plan(CompiledRuleSet compiled, RuleSelection selection)
    {
        var rules = compiled.Rules;
        var alertRules = new AlertRule[rules.Count + compiled.Correlations.Count];
        var emits = new bool[rules.Count];
        var feeds = new bool[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            alertRules[i] = ToAlertRule(rules[i].Info);
            emits[i] = rules[i].Generates && selection.Selects(rules[i].Info);
        }
        var needed = new HashSet<int> { FieldNames.Computer, FieldNames.Channel, FieldNames.Provider, FieldNames.EventId };
        for (var c = 0; c < compiled.Correlations.Count; c++)
        {
            var corr = compiled.Correlations[c];
            alertRules[rules.Count + c] = ToAlertRule(corr.Info);
            foreach (var m in corr.Members)
            {
                if (m.Rule is { } r) feeds[r.Index] = true;
                foreach (var f in m.GroupFields) needed.Add(FieldNames.Intern(f));
            }
            foreach (var f in corr.Correlation.GroupBy.Concat(corr.Correlation.Condition.Fields)) needed.Add(FieldNames.Intern(f));
            foreach (var perRule in corr.Correlation.Aliases.Values)
                foreach (var f in perRule.Values) needed.Add(FieldNames.Intern(f));
        }
        // Fields a correlation alert shows as its context (who and from where).
        foreach (var f in AlertStatisticsBuilder.AccountFields.Concat(["IpAddress", "WorkstationName", "Workstation", "TargetDomainName"]))
            needed.Add(FieldNames.Intern(f));
        var neededById = new bool[FieldNames.Count + 1];
        foreach (var id in needed) neededById[id] = true;
        return new ScanPlan(compiled, alertRules, emits, feeds, neededById);
    }

    internal static AlertRule ToAlertRule(SigmaRuleInfo info) => new(
        info.Id ?? info.Name ?? "",
        info.Title,
        AlertLevels.TryParse(info.Level, out var level) ? level : AlertLevel.Informational,
        info.Status ?? "",
        info.Tags,
        HuntRuleLoader.IsBuiltIn(info) ? RuleOrigin.BuiltIn : RuleOrigin.User,
        info.Path) { Info = info };
}
