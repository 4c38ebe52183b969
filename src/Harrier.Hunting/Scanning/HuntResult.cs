using Harrier.Hunting.Alerts;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Sorting;

namespace Harrier.Hunting.Scanning;

/// <summary>
/// A finished scan whose alerts wait in the workers' <see cref="AlertStore"/>s (memory and sorted runs). <see cref="Emit"/> streams them once, in
/// <see cref="AlertOrder"/>, and returns the summary. Dispose removes the temp files.
/// </summary>
public sealed class HuntResult : IDisposable
{
    readonly ScanPlan _plan;
    readonly IReadOnlyList<InputFile> _files;
    readonly IReadOnlyList<FileReconciliation> _unreadable;
    readonly IReadOnlyList<RuleProblem> _ruleProblems;
    readonly int _rulesLoaded;
    readonly string _temp;
    readonly System.Diagnostics.Stopwatch _clock;
    readonly List<PhaseMark> _phases;
    readonly UnitResult[] _perFile;
    readonly AlertStoreContext _storeContext;
    readonly List<AlertStore> _alertStores = [];
    readonly List<ExternalSorter<CorrelationInput>> _correlationSorters = [];
    readonly Lock _gate = new();
    bool _emitted;

    internal HuntResult(ScanPlan plan, IReadOnlyList<InputFile> files, IReadOnlyList<FileReconciliation> unreadable,
        IReadOnlyList<RuleProblem> ruleProblems, int rulesLoaded, string temp, System.Diagnostics.Stopwatch clock,
        List<PhaseMark> phases, bool[]? keptFields)
    {
        _plan = plan;
        _files = files;
        _unreadable = unreadable;
        _ruleProblems = ruleProblems;
        _rulesLoaded = rulesLoaded;
        _temp = temp;
        _clock = clock;
        _phases = phases;
        _perFile = [.. files.Select(_ => new UnitResult())];
        _storeContext = new AlertStoreContext(plan.AlertRules, [.. files.Select(f => f.Name)], keptFields);
    }

    /// <summary>Records read during the scan (all files).</summary>
    public long RecordsSeen { get; internal set; }

    internal long CorrelationAlerts { get; set; }

    internal IReadOnlyList<ExternalSorter<CorrelationInput>> CorrelationSorters => _correlationSorters;

    internal AlertStore NewAlertStore(long budget) => NewAlertStore(new MemoryBudget(budget), budget);

    internal AlertStore NewAlertStore(MemoryBudget budget, long share)
    {
        var s = new AlertStore(_storeContext, budget, share, _temp);
        lock (_gate) _alertStores.Add(s);
        return s;
    }

    /// <summary>Alert runs spilled to disk so far (all stores).</summary>
    internal int SpilledAlertRuns => _alertStores.Sum(s => s.Runs);

    internal ExternalSorter<CorrelationInput> NewCorrelationSorter(MemoryBudget budget)
    {
        var s = new ExternalSorter<CorrelationInput>(CorrelationInputOrder.Instance, CorrelationInputCodec.Instance, budget, _temp);
        lock (_gate) _correlationSorters.Add(s);
        return s;
    }

    internal void AddUnit(int fileIndex, UnitResult r)
    {
        lock (_gate)
        {
            var f = _perFile[fileIndex];
            f.Rendered += r.Rendered;
            f.Failed += r.Failed;
            f.Carved += r.Carved;
            f.OutsideTimeRange += r.OutsideTimeRange;
            f.Alerts += r.Alerts;
            f.Unreadable ??= r.Unreadable;
            foreach (var p in r.Problems) f.AddProblem(p);
        }
    }

    /// <summary>
    /// Passes every alert to <paramref name="sink"/> in order (after <paramref name="annotate"/>, e.g. exposure),
    /// then returns the summary. Callable once. With a null <paramref name="sink"/> (only the summary is wanted) the
    /// alerts' details are not read.
    /// </summary>
    public ScanSummary Emit(Action<Alert>? sink, Func<Alert, Alert>? annotate = null)
    {
        if (_emitted) throw new InvalidOperationException("alerts were already emitted");
        _emitted = true;
        var stats = new AlertStatisticsBuilder();
        // without a sink only the statistics read the alerts, and they do not read the details
        foreach (var alert in AlertStore.Merge(_alertStores, withDetails: sink is not null))
        {
            var a = annotate is null ? alert : annotate(alert);
            stats.Add(a);
            sink?.Invoke(a);
        }
        var built = stats.Build();
        _phases.Add(new("emit", _clock.Elapsed));
        var durations = new List<PhaseTiming>(_phases.Count);
        for (var i = 1; i < _phases.Count; i++)
            durations.Add(_phases[i].Since(_phases[i - 1]));
        return new ScanSummary(Reconciliation(), _rulesLoaded, _ruleProblems, built, _clock.Elapsed, durations)
        {
            SpilledRuns = SpilledAlertRuns + _correlationSorters.Sum(s => s.Runs),
        };
    }

    IReadOnlyList<FileReconciliation> Reconciliation()
    {
        var files = new List<FileReconciliation>(_unreadable);
        for (var i = 0; i < _files.Count; i++)
        {
            var f = _files[i];
            var r = _perFile[i];
            files.Add(new FileReconciliation(f.Name, f.Format, f.Bytes, r.Rendered + r.Failed, r.Rendered, r.Failed, r.Carved,
                r.OutsideTimeRange, r.Alerts, r.Unreadable, [.. r.Problems.OrderBy(p => p.Location, StringComparer.Ordinal)]));
        }
        return [.. files.OrderBy(f => f.File, StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        foreach (var s in _alertStores) s.Dispose();
        foreach (var s in _correlationSorters) s.Dispose();
        try
        {
            if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true);
        }
        catch (IOException) { }
    }
}
