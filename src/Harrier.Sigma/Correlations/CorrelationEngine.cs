using Harrier.Evtx.Events;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

/// <summary>
/// Evaluates every correlation of a <see cref="CompiledRuleSet"/> over a stream of (event, rule hits),
/// across all files and hosts of a scan, with sliding time windows and bounded memory: per
/// correlation and group, only the entries inside the timespan (plus <see cref="CorrelationOptions.Lateness"/>)
/// are kept; older ones expire.
/// </summary>
/// <remarks>
/// Windows: a condition made only of <c>gt</c>/<c>gte</c> fires as soon as it holds for the window
/// [t − timespan, t] ending at some event time t (a sliding window); conditions with an upper bound
/// (<c>lt lte eq neq</c>) can only be decided when a window closes, so they are evaluated on the window
/// starting at the group's oldest entry when the stream's time passes its end (or at <see cref="Flush"/>);
/// such windows tumble per group (the next one starts at the first entry after it), since a sliding
/// window would always find a smaller sub-burst that satisfies an upper bound.
/// After firing, the group's counted entries are consumed, so the next alert needs new events.
/// Out-of-order input within the lateness is inserted in time order and every window it changes is
/// evaluated. Single-threaded: feed it from one thread, in (roughly) time order.
/// </remarks>
public sealed partial class CorrelationEngine
{
    readonly CompiledRuleSet _set;
    readonly CorrelationOptions _options;
    readonly List<(CompiledCorrelation Correlation, CorrelationMember Member)>[] _byRule;
    readonly List<(CompiledCorrelation Correlation, CorrelationMember Member)>[] _byCorrelation;
    readonly Dictionary<(int Correlation, string Key), GroupState> _groups = [];
    readonly bool[] _eager;
    long _watermark = long.MinValue;
    long _nextSweep = long.MinValue;

    public CorrelationEngine(CompiledRuleSet set, CorrelationOptions? options = null)
    {
        _set = set;
        _options = options ?? CorrelationOptions.Default;
        _byRule = new List<(CompiledCorrelation, CorrelationMember)>[set.Rules.Count];
        _byCorrelation = new List<(CompiledCorrelation, CorrelationMember)>[set.Correlations.Count];
        _eager = [.. set.Correlations.Select(Eager)];
        foreach (var c in set.Correlations)
            foreach (var m in c.Members)
            {
                if (m.Rule is { } r) (_byRule[r.Index] ??= []).Add((c, m));
                else (_byCorrelation[m.Inner!.Index] ??= []).Add((c, m));
            }
    }

    /// <summary>Live group states (the memory bound).</summary>
    public int GroupCount => _groups.Count;

    /// <summary>Events not counted because a group-by field was missing (with <see cref="MissingGroupField.Skip"/>).</summary>
    public long EventsWithoutGroup { get; private set; }

    /// <summary>Events older than the window plus lateness when they arrived: too late to count.</summary>
    public long EventsTooLate { get; private set; }

    /// <summary>
    /// Feeds one event with the hits <see cref="RuleMatcher.Match"/> produced for it; appends the
    /// alerts of correlations that fire (including chained ones).
    /// </summary>
    public void Process(EventFields e, IReadOnlyList<RuleHit> hits, List<CorrelationAlert> alerts)
    {
        if (_set.Correlations.Count == 0) return;
        var time = e.TimeCreated;
        if (time > _watermark) _watermark = time;
        foreach (var hit in hits)
        {
            var subscribers = _byRule[hit.Rule.Index];
            if (subscribers is null) continue;
            foreach (var (c, m) in subscribers)
            {
                var group = GroupKey(c, m, f => Value(e, f));
                if (group is null) continue;
                var entry = new Entry(time, m.Position, AggregateValue(c, m, e), new CorrelatedEvent(e.RecordId, time, hit.Rule.Info.DisplayId));
                Add(c, group.Value, entry, alerts);
            }
        }
        if (_watermark >= _nextSweep) Sweep(alerts, final: false);
    }

    /// <summary>End of input: evaluates every window still open (upper-bounded conditions) and clears state.</summary>
    public void Flush(List<CorrelationAlert> alerts)
    {
        Sweep(alerts, final: true);
        _groups.Clear();
    }

    static string? Value(EventFields e, string field) =>
        FieldNames.TryGet(field, out var id) && e.TryGet(id, out var v) ? v.ToString() : null;

    /// <summary>The group key (values joined) and values, or null when a field is missing and the policy skips.</summary>
    (string Key, KeyValuePair<string, string?>[] Values)? GroupKey(CompiledCorrelation c, CorrelationMember m, Func<string, string?> lookup)
    {
        var groupBy = c.Correlation.GroupBy;
        var values = new KeyValuePair<string, string?>[groupBy.Count];
        for (var i = 0; i < groupBy.Count; i++)
        {
            var v = lookup(m.GroupFields[i]);
            if (v is null && _options.MissingGroupField == MissingGroupField.Skip)
            {
                EventsWithoutGroup++;
                return null;
            }
            values[i] = new(groupBy[i], v);
        }
        var key = string.Join('\u001f', values.Select(v => v.Value is null ? "\u0000" : v.Value.ToUpperInvariant()));
        return (key, values);
    }

    static AggregateInput AggregateValue(CompiledCorrelation c, CorrelationMember m, EventFields e)
    {
        var fields = c.Correlation.Condition.Fields;
        if (fields.Count == 0) return default;
        var texts = fields.Select(f => Value(e, Alias(c, m, f))).ToArray();
        if (c.Type == CorrelationType.ValueCount)
            return texts.Any(t => t is null) ? new AggregateInput(null, double.NaN) : new AggregateInput(string.Join('\u001f', texts.Select(t => t!.ToUpperInvariant())), double.NaN);
        return texts[0] is { } t0 && Matching.Predicates.NumericPredicate.TryParse(t0, out var x) ? new AggregateInput(null, x) : new AggregateInput(null, double.NaN);
    }

    static string Alias(CompiledCorrelation c, CorrelationMember m, string field) =>
        c.Correlation.Aliases.TryGetValue(field, out var perRule)
        && (perRule.TryGetValue(m.Reference, out var f) || (m.Rule?.Info.Name is { } n && perRule.TryGetValue(n, out f)))
            ? f : field;
}
