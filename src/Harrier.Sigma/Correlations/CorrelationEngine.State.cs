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

    /// <summary>A new group of <paramref name="c"/>, after dropping the oldest group if <see cref="CorrelationOptions.MaxGroups"/> are live.</summary>
    GroupState NewGroup(CompiledCorrelation c, string key, KeyValuePair<string, string?>[] values)
    {
        if (_groupCount >= _options.MaxGroups) DropOldestGroup();
        var state = new GroupState(c, values);
        _groups[c.Index][key] = state;
        _groupCount++;
        return state;
    }

    /// <summary>Counts <paramref name="entry"/> in <paramref name="state"/>; fires when an eager condition holds.</summary>
    void Add(CompiledCorrelation c, GroupState state, Entry entry, List<CorrelationAlert> alerts)
    {
        var span = Span(c);
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
            var groupBy = c.Correlation.GroupBy;
            var values = new KeyValuePair<string, string?>[groupBy.Count];
            var length = 0;
            for (var i = 0; i < groupBy.Count; i++)
            {
                var v = GroupValue(alert.Group, m.GroupFields[i]);
                if (v is null && _options.MissingGroupField == MissingGroupField.Skip) goto skip;
                values[i] = new(groupBy[i], v);
                AppendKey(ref length, i, v is not null, v);
            }
            if (TooLate(c, alert.LastTime)) continue;
            var key = _key.AsSpan(0, length);
            if (!_groupLookups[c.Index].TryGetValue(key, out var state)) state = NewGroup(c, key.ToString(), values);
            var entry = new Entry(alert.LastTime, m.Position, new AggregateInput(null, alert.Value),
                new CorrelatedEvent(0, alert.LastTime, alert.Correlation.Info.DisplayId));
            Add(c, state, entry, alerts);
            continue;
        skip:
            EventsWithoutGroup++;
        }
    }

    /// <summary>The value of group-by field <paramref name="field"/> (null when absent): a loop, not a lambda per alert and field.</summary>
    static string? GroupValue(IReadOnlyList<KeyValuePair<string, string?>> group, string field)
    {
        for (var i = 0; i < group.Count; i++)
            if (string.Equals(group[i].Key, field, StringComparison.OrdinalIgnoreCase)) return group[i].Value;
        return null;
    }

    /// <summary>Expires old entries; evaluates closed windows of upper-bounded conditions.</summary>
    void Sweep(List<CorrelationAlert> alerts, bool final)
    {
        List<string>? drop = null;
        foreach (var c in _set.Correlations)
        {
            var groups = _groups[c.Index];
            if (groups.Count == 0) continue;
            var span = Span(c);
            var horizon = _watermark - span - _options.Lateness.Ticks;
            var eager = _eager[c.Index];
            // windows that close fire here, group by group: in key order, so that the alerts' order does not
            // depend on the dictionary's; expiring entries of eager correlations fires nothing
            IEnumerable<KeyValuePair<string, GroupState>> ordered = eager && !final ? groups : groups.OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var (key, state) in ordered)
            {
                var list = state.Entries;
                if (!eager)
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
                if (list.Count == 0) (drop ??= []).Add(key);
            }
            if (drop is null) continue;
            foreach (var k in drop) groups.Remove(k);
            _groupCount -= drop.Count;
            drop.Clear();
        }
        _nextSweep = _watermark + _sweepStep;
    }

    /// <summary>Drops the group whose newest entry is oldest (ties: lowest correlation, then key).</summary>
    void DropOldestGroup()
    {
        (int Correlation, string Key, long Time)? oldest = null;
        foreach (var c in _set.Correlations)
            foreach (var (key, state) in _groups[c.Index])
            {
                var time = state.Entries.Count == 0 ? long.MinValue : state.Entries[^1].Time;
                if (oldest is not { } o || time < o.Time || time == o.Time && o.Correlation == c.Index && string.CompareOrdinal(key, o.Key) < 0)
                    oldest = (c.Index, key, time);
            }
        if (oldest is not { } found) return;
        _groups[found.Correlation].Remove(found.Key);
        _groupCount--;
    }
}
