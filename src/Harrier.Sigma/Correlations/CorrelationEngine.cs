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
    readonly List<Subscription>[] _byRule;
    readonly List<(CompiledCorrelation Correlation, CorrelationMember Member)>[] _byCorrelation;
    /// <summary>Per correlation: group key (upper-cased values joined by U+001F) → state.</summary>
    readonly Dictionary<string, GroupState>[] _groups;
    readonly Dictionary<string, GroupState>.AlternateLookup<ReadOnlySpan<char>>[] _groupLookups;
    /// <summary>value_count texts seen, so that a repeated value is one string, not one per event.</summary>
    readonly BoundedStringPool _texts = new(100_000);
    readonly bool[] _eager;
    readonly long _sweepStep;
    char[] _key = new char[256];
    int _groupCount;
    long _watermark = long.MinValue;
    long _nextSweep = long.MinValue;

    public CorrelationEngine(CompiledRuleSet set, CorrelationOptions? options = null)
    {
        _set = set;
        _options = options ?? CorrelationOptions.Default;
        var count = set.Correlations.Count;
        _byRule = new List<Subscription>[set.Rules.Count];
        _byCorrelation = new List<(CompiledCorrelation, CorrelationMember)>[count];
        _groups = new Dictionary<string, GroupState>[count];
        _groupLookups = new Dictionary<string, GroupState>.AlternateLookup<ReadOnlySpan<char>>[count];
        _eager = [.. set.Correlations.Select(Eager)];
        foreach (var c in set.Correlations)
        {
            _groups[c.Index] = new Dictionary<string, GroupState>(StringComparer.Ordinal);
            _groupLookups[c.Index] = _groups[c.Index].GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var m in c.Members)
            {
                if (m.Rule is { } r)
                    (_byRule[r.Index] ??= []).Add(new Subscription(c, m, [.. m.GroupFields.Select(FieldNames.Intern)],
                        [.. c.Correlation.Condition.Fields.Select(f => FieldNames.Intern(Alias(c, m, f)))]));
                else (_byCorrelation[m.Inner!.Index] ??= []).Add((c, m));
            }
        }
        _sweepStep = Math.Max(count == 0 ? TimeSpan.TicksPerMinute : set.Correlations.Min(c => Span(c)) / 4 + 1, TimeSpan.TicksPerSecond);
    }

    /// <summary>Live group states (the memory bound).</summary>
    public int GroupCount => _groupCount;

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
        for (var h = 0; h < hits.Count; h++) // an index, not foreach: no enumerator allocated per event
        {
            var hit = hits[h];
            var subscribers = _byRule[hit.Rule.Index];
            if (subscribers is null) continue;
            foreach (var (c, m, fields, conditionFields) in subscribers)
            {
                var length = 0;
                for (var i = 0; i < fields.Length; i++)
                {
                    var present = e.TryGet(fields[i], out var v);
                    if (!present && _options.MissingGroupField == MissingGroupField.Skip) goto skip;
                    AppendKey(ref length, i, present, v);
                }
                if (TooLate(c, time)) continue;
                var key = _key.AsSpan(0, length);
                if (!_groupLookups[c.Index].TryGetValue(key, out var state))
                {
                    var values = new KeyValuePair<string, string?>[fields.Length];
                    for (var i = 0; i < fields.Length; i++)
                        values[i] = new(c.Correlation.GroupBy[i], e.TryGet(fields[i], out var v) ? v.ToString() : null);
                    state = NewGroup(c, key.ToString(), values);
                }
                var entry = new Entry(time, m.Position, AggregateValue(c, conditionFields, e), new CorrelatedEvent(e.RecordId, time, hit.Rule.Info.DisplayId));
                Add(c, state, entry, alerts);
                continue;
            skip:
                EventsWithoutGroup++;
            }
        }
        if (_watermark >= _nextSweep) Sweep(alerts, final: false);
    }

    /// <summary>End of input: evaluates every window still open (upper-bounded conditions) and clears state.</summary>
    public void Flush(List<CorrelationAlert> alerts)
    {
        Sweep(alerts, final: true);
        foreach (var g in _groups) g.Clear();
        _groupCount = 0;
    }

    bool TooLate(CompiledCorrelation c, long time)
    {
        if (time >= _watermark - Span(c) - _options.Lateness.Ticks) return false;
        EventsTooLate++;
        return true;
    }

    /// <summary>Appends group value <paramref name="index"/> (upper-cased; U+0000 when absent) to the key being built.</summary>
    void AppendKey(ref int length, int index, bool present, ReadOnlySpan<char> value)
    {
        var need = length + value.Length + 1;
        if (need > _key.Length) Array.Resize(ref _key, Math.Max(need, _key.Length * 2));
        if (index > 0) _key[length++] = '\u001f';
        if (!present)
        {
            _key[length++] = '\u0000';
            return;
        }
        length += value.ToUpperInvariant(_key.AsSpan(length));
    }

    /// <summary>What the member's event contributes to a value_* condition: the (upper-cased, joined) text or the number.</summary>
    AggregateInput AggregateValue(CompiledCorrelation c, int[] fields, EventFields e)
    {
        if (fields.Length == 0) return default;
        if (c.Type != CorrelationType.ValueCount)
            return e.TryGet(fields[0], out var t0) && Matching.Predicates.NumericPredicate.TryParse(t0, out var x)
                ? new AggregateInput(null, x) : new AggregateInput(null, double.NaN);
        var length = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            if (!e.TryGet(fields[i], out var v)) return new AggregateInput(null, double.NaN);
            AppendKey(ref length, i, true, v);
        }
        return new AggregateInput(_texts.Get(_key.AsSpan(0, length)), double.NaN);
    }

    /// <summary>A member of <paramref name="Correlation"/> fed by a rule, with the ids of the fields it reads (aliases applied).</summary>
    sealed record Subscription(CompiledCorrelation Correlation, CorrelationMember Member, int[] GroupFieldIds, int[] ConditionFieldIds);

    static string Alias(CompiledCorrelation c, CorrelationMember m, string field) =>
        c.Correlation.Aliases.TryGetValue(field, out var perRule)
        && (perRule.TryGetValue(m.Reference, out var f) || (m.Rule?.Info.Name is { } n && perRule.TryGetValue(n, out f)))
            ? f : field;
}
