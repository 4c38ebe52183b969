using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

public sealed partial class CorrelationEngine
{
    readonly record struct AggregateInput(string? Text, double Number);

    readonly record struct Entry(long Time, int Member, AggregateInput Input, CorrelatedEvent Event);

    sealed class GroupState(CompiledCorrelation correlation, KeyValuePair<string, string?>[] values)
    {
        public readonly CompiledCorrelation Correlation = correlation;
        public readonly KeyValuePair<string, string?>[] Values = values;
        public readonly List<Entry> Entries = []; // sorted by time
        public Window? Window;                      // eager correlations: the window ending at the last entry
    }

    long Span(CompiledCorrelation c) => c.Correlation.Timespan.Ticks;

    static bool Eager(CompiledCorrelation c) =>
        c.Correlation.Condition.Comparisons.All(x => x.Op is ComparisonOperator.Gt or ComparisonOperator.Gte);

    void Add(CompiledCorrelation c, (string Key, KeyValuePair<string, string?>[] Values) group, Entry entry, List<CorrelationAlert> alerts)
    {
        var span = Span(c);
        if (entry.Time < _watermark - span - _options.Lateness.Ticks)
        {
            EventsTooLate++;
            return;
        }
        if (!_groups.TryGetValue((c.Index, group.Key), out var state))
        {
            if (_groups.Count >= _options.MaxGroups) DropOldestGroup();
            _groups[(c.Index, group.Key)] = state = new GroupState(c, group.Values);
        }
        var list = state.Entries;
        var at = list.Count;
        while (at > 0 && list[at - 1].Time > entry.Time) at--; // usually appends: input is near time order
        list.Insert(at, entry);
        if (!_eager[c.Index]) return;
        if (at == list.Count - 1 && _options.IncrementalWindows)
        {
            // appended: only the window ending at the new entry changed
            var (start, aggregate) = Slide(c, state, span);
            double? holds = Window.Supports(c.Type)
                ? (c.Correlation.Condition.Holds(aggregate) ? aggregate : null)
                : Evaluate(c, list, start, list.Count);
            if (holds is { } v) Fire(state, start, list.Count, v, entry.Time, alerts);
            return;
        }
        state.Window = null;
        // every window [x − span, x] whose end x is at or after the new entry and within span of it changed
        for (var end = at; end < list.Count && list[end].Time - entry.Time <= span; end++)
        {
            var start = end;
            while (start > 0 && list[end].Time - list[start - 1].Time <= span) start--;
            if (Evaluate(c, list, start, end + 1) is { } value)
            {
                Fire(state, start, end + 1, value, list[end].Time, alerts);
                return;
            }
        }
    }

    void Fire(GroupState state, int start, int end, double value, long lastTime, List<CorrelationAlert> alerts)
    {
        var list = state.Entries;
        var listed = Math.Min(end - start, Math.Max(0, _options.MaxEventsPerAlert));
        var events = new List<CorrelatedEvent>(listed);
        for (var i = start; i < start + listed; i++) events.Add(list[i].Event);
        var alert = new CorrelationAlert(state.Correlation, list[start].Time, lastTime, state.Values, value, events);
        list.RemoveRange(0, end); // consumed: the next alert needs new events
        state.Window = null;
        alerts.Add(alert);
        Chain(alert, alerts);
    }

    /// <summary>An alert of a correlation that others reference counts as a hit for them.</summary>
    void Chain(CorrelationAlert alert, List<CorrelationAlert> alerts)
    {
        var subscribers = _byCorrelation[alert.Correlation.Index];
        if (subscribers is null) return;
        foreach (var (c, m) in subscribers)
        {
            string? Lookup(string field) => alert.Group.FirstOrDefault(g => string.Equals(g.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            var group = GroupKey(c, m, Lookup);
            if (group is null) continue;
            var entry = new Entry(alert.LastTime, m.Position, new AggregateInput(null, alert.Value),
                new CorrelatedEvent(0, alert.LastTime, alert.Correlation.Info.DisplayId));
            Add(c, group.Value, entry, alerts);
        }
    }

    /// <summary>Expires old entries; evaluates closed windows of upper-bounded conditions.</summary>
    void Sweep(List<CorrelationAlert> alerts, bool final)
    {
        var drop = new List<(int, string)>();
        foreach (var ((ci, key), state) in _groups.OrderBy(g => g.Key.Correlation).ThenBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            var c = state.Correlation;
            var span = Span(c);
            var list = state.Entries;
            var horizon = _watermark - span - _options.Lateness.Ticks;
            if (!_eager[c.Index])
            {
                while (list.Count > 0 && (final || list[0].Time + span < horizon))
                {
                    var windowEnd = list[0].Time + span;
                    var end = 0;
                    while (end < list.Count && list[end].Time <= windowEnd) end++;
                    if (Evaluate(c, list, 0, end) is { } value) Fire(state, 0, end, value, windowEnd, alerts);
                    else list.RemoveRange(0, end); // windows of upper-bounded conditions tumble per group
                }
            }
            else
            {
                var expired = 0;
                while (expired < list.Count && (final || list[expired].Time < horizon)) expired++;
                list.RemoveRange(0, expired);
                RemovedFront(state, expired);
            }
            if (list.Count == 0) drop.Add((ci, key));
        }
        foreach (var k in drop) _groups.Remove(k);
        var step = _set.Correlations.Count == 0 ? TimeSpan.TicksPerMinute : _set.Correlations.Min(c => Span(c)) / 4 + 1;
        _nextSweep = _watermark + Math.Max(step, TimeSpan.TicksPerSecond);
    }

    void DropOldestGroup()
    {
        var oldest = _groups.MinBy(g => g.Value.Entries.Count == 0 ? long.MinValue : g.Value.Entries[^1].Time);
        _groups.Remove(oldest.Key);
    }
}
