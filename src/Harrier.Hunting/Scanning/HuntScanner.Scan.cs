using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Details;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Sorting;
using Harrier.Sigma.Matching;

namespace Harrier.Hunting.Scanning;

public static partial class HuntScanner
{
    /// <summary>One piece of work: a whole file, or a segment [Start, End) of the chunks of a large EVTX file.</summary>
    internal sealed record ScanUnit(int FileIndex, InputFile File, long Start, long End, bool Segment)
    {
        public long Bytes => Segment ? End - Start : File.Bytes;
    }

    static List<ScanUnit> Units(IReadOnlyList<InputFile> files, HuntOptions options)
    {
        var units = new List<ScanUnit>();
        const long chunk = 64 * 1024;
        var segment = Math.Max(chunk, options.SegmentBytes / chunk * chunk);
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            if (options.Threads > 1 && f.Format == InputFormat.Evtx && f.DiskPath is not null && f.Bytes > segment + SegmentStream.HeaderSize)
            {
                for (long s = SegmentStream.HeaderSize; s < f.Bytes; s += segment)
                    units.Add(new ScanUnit(i, f, s, Math.Min(f.Bytes, s + segment), true));
            }
            else units.Add(new ScanUnit(i, f, 0, f.Bytes, false));
        }
        // Largest first keeps workers busy to the end; results do not depend on the order.
        return [.. units.OrderByDescending(u => u.Bytes).ThenBy(u => u.FileIndex).ThenBy(u => u.Start)];
    }

    static void Scan(ScanPlan plan, IReadOnlyList<InputFile> files, HuntOptions options, HuntResult result,
        IProgress<ScanProgress>? progress, CancellationToken cancel)
    {
        var units = Units(files, options);
        var unitsLeft = new int[files.Count];
        foreach (var u in units) unitsLeft[u.FileIndex]++;
        var totalBytes = files.Sum(f => f.Bytes);
        long bytesDone = 0, records = 0;
        var filesDone = 0;
        var next = -1;
        var from = options.From is { } f0 ? FileTimes.FromDateTimeOffset(f0) : long.MinValue;
        var to = options.To is { } t0 ? FileTimes.FromDateTimeOffset(t0) : long.MaxValue;

        void Work(Worker worker)
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < units.Count)
            {
                cancel.ThrowIfCancellationRequested();
                var unit = units[i];
                var r = worker.ScanUnit(unit, from, to, n =>
                {
                    var total = Interlocked.Add(ref records, n);
                    progress?.Report(new ScanProgress("scanning", Volatile.Read(ref filesDone), files.Count, Volatile.Read(ref bytesDone), totalBytes, total));
                });
                result.AddUnit(unit.FileIndex, r);
                var bytes = Interlocked.Add(ref bytesDone, unit.Bytes);
                var done = Interlocked.Decrement(ref unitsLeft[unit.FileIndex]) == 0 ? Interlocked.Increment(ref filesDone) : Volatile.Read(ref filesDone);
                progress?.Report(new ScanProgress("scanning", done, files.Count, bytes, totalBytes, Volatile.Read(ref records)));
            }
            worker.Finish();
        }

        var count = Math.Max(1, Math.Min(options.Threads, Math.Max(1, units.Count)));
        // The budgets are for all workers together, so memory does not grow with the thread count.
        var alertBudget = new MemoryBudget(options.SortBudgetBytes, count);
        var correlationBudget = new MemoryBudget(options.CorrelationBudgetBytes, count);
        var workers = Enumerable.Range(0, count)
            .Select(_ => new Worker(plan, result.NewAlertStore(alertBudget, options.SortBudgetBytes / count), result.NewCorrelationSorter(correlationBudget),
                options.RenderDetails))
            .ToArray();
        if (workers.Length == 1) Work(workers[0]);
        else
        {
            Exception? failure = null;
            var threads = workers.Select(w => new Thread(() =>
            {
                try { Work(w); }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    Interlocked.Exchange(ref next, units.Count); // stop the other workers
                }
            }, 16 << 20) { IsBackground = true, Name = "harrier-hunt" }).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        result.RecordsSeen = records;
    }

    /// <summary>One scanning thread's state: its matcher, reused event, alert store and sorter.</summary>
    internal sealed class Worker(ScanPlan plan, AlertStore alerts, ExternalSorter<CorrelationInput> correlationInputs, bool renderDetails)
    {
        const int ProgressEvery = 1 << 16;
        readonly RuleMatcher _matcher = plan.Rules.CreateMatcher();
        readonly EventFields _event = new();
        readonly List<RuleHit> _hits = [];
        readonly List<int> _feeding = [];
        readonly List<int> _emitting = [];
        readonly DetailsWriter _details = new();
        readonly List<(int, string)> _fields = [];
        /// <summary>Field values kept for correlations, one string per distinct value.</summary>
        readonly BoundedStringPool _values = new();
        int[] _lastFeeding = [];

        /// <summary>Sorts what the worker keeps in memory, on its own thread, so the merges after the scan need not.</summary>
        public void Finish()
        {
            alerts.SortInMemory();
            correlationInputs.SortInMemory();
        }

        public UnitResult ScanUnit(ScanUnit unit, long from, long to, Action<long> progress)
        {
            var result = new UnitResult();
            IEventReader reader;
            try
            {
                reader = OpenReader(unit);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or Evtx.EvtxFormatException or Evtx.EvtxNotSupportedException)
            {
                result.Unreadable = e.Message;
                return result;
            }
            var sinceProgress = 0;
            using (reader)
            {
                var e = _event;
                try
                {
                    while (reader.Read(e))
                    {
                        result.Rendered++;
                        if (e.Carved) result.Carved++;
                        if (++sinceProgress == ProgressEvery)
                        {
                            progress(sinceProgress);
                            sinceProgress = 0;
                        }
                        if (e.TimeCreated < from || e.TimeCreated > to)
                        {
                            result.OutsideTimeRange++;
                            continue;
                        }
                        _hits.Clear();
                        _matcher.Match(e, _hits);
                        if (_hits.Count > 0) OnHits(unit, e, result);
                    }
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or Evtx.EvtxFormatException or Evtx.EvtxNotSupportedException)
                {
                    result.AddProblem(new RecordProblem($"after record {e.RecordId}", "reading stopped: " + ex.Message));
                    if (result.Rendered == 0) result.Unreadable = ex.Message;
                }
                reader.Finish(result);
            }
            progress(sinceProgress);
            return result;
        }

        void OnHits(ScanUnit unit, EventFields e, UnitResult result)
        {
            _feeding.Clear();
            _emitting.Clear();
            foreach (var hit in _hits)
            {
                var index = hit.Rule.Index;
                if (plan.Emits[index]) _emitting.Add(index);
                if (plan.FeedsCorrelation[index]) _feeding.Add(index);
            }
            if (_emitting.Count > 0)
            {
                // One stored record per event, whatever the number of rules that fired on it; no strings.
                if (renderDetails) DetailsRenderer.Default.Render(e, _details);
                else _details.Clear();
                alerts.AddEvent(e, unit.FileIndex, RecordIdOf(e), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_emitting), _details);
                result.Alerts += _emitting.Count;
            }
            if (_feeding.Count == 0) return;
            _fields.Clear();
            var needed = plan.NeededFields;
            for (var i = 0; i < e.Count; i++)
            {
                var id = e.FieldId(i);
                if (id < needed.Length && needed[id]) _fields.Add((id, _values.Get(e.Value(i))));
            }
            // consecutive events usually feed the same rules: one array for the run
            if (!_lastFeeding.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_feeding))) _lastFeeding = [.. _feeding];
            correlationInputs.Add(new CorrelationInput(e.TimeCreated, unit.FileIndex, RecordIdOf(e), e.EventId, e.Carved, _lastFeeding, [.. _fields]));
        }

        static readonly int EventRecordIdField = FieldNames.Intern("EventRecordID");

        /// <summary>
        /// The record id analysts see: the event's own <c>EventRecordID</c> (what Event Viewer, evtx_dump and
        /// Timeline Explorer show), else the record header's number. They differ in exported/filtered logs,
        /// whose headers are renumbered from 1.
        /// </summary>
        static ulong RecordIdOf(EventFields e) =>
            e.TryGet(EventRecordIdField, out var v) && ulong.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? id : e.RecordId;

        static IEventReader OpenReader(ScanUnit unit)
        {
            if (unit.File.Format == InputFormat.Evtx)
            {
                var stream = unit.Segment ? new SegmentStream(unit.File.DiskPath!, unit.Start, unit.End) : unit.File.Open();
                return new EvtxEventReader(stream, unit);
            }
            return new JsonEventReader(unit.File.Open(), unit.File.Name);
        }
    }
}
