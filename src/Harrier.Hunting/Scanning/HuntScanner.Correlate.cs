using System.Globalization;
using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Sorting;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Model;

namespace Harrier.Hunting.Scanning;

public static partial class HuntScanner
{
    /// <summary>Feeds the kept events to the correlation engine in time order and keeps the alerts it raises.</summary>
    static void Correlate(ScanPlan plan, HuntResult result, HuntOptions options)
    {
        if (plan.Rules.Correlations.Count == 0) return;
        var engine = new CorrelationEngine(plan.Rules);
        var e = new EventFields();
        var hits = new List<RuleHit>();
        var raised = new List<CorrelationAlert>();
        var sink = result.NewAlertStore(options.SortBudgetBytes / Math.Max(1, options.Threads));
        CorrelationInput? current = null;
        var open = new Dictionary<(int, string), (CorrelationAlert Alert, CorrelationInput? Context)>();
        foreach (var input in ExternalSorter<CorrelationInput>.Merge(result.CorrelationSorters, CorrelationInputOrder.Instance))
        {
            current = input;
            e.Clear();
            e.TimeCreated = input.Time;
            e.RecordId = input.RecordId;
            e.EventId = input.EventId;
            e.Carved = input.Carved;
            foreach (var (id, value) in input.Fields) e.Add(id, value);
            hits.Clear();
            foreach (var r in input.Rules) hits.Add(new RuleHit(plan.Rules.Rules[r]));
            raised.Clear();
            engine.Process(e, hits, raised);
            foreach (var a in raised) Merge(a, input);
        }
        raised.Clear();
        engine.Flush(raised);
        foreach (var a in raised) Merge(a, current);
        foreach (var (a, context) in open.Values.OrderBy(x => x.Alert.FirstTime).ThenBy(x => x.Alert.Correlation.Index)) Add(a, context);

        // The engine consumes the counted events when a correlation fires, so a long burst fires again and
        // again (3,558 failed logons → 355 "ten failures" alerts). One alert per burst is what an analyst
        // wants: an alert of the same correlation and group that starts within the timespan of the previous
        // one's end extends it (event_count: counts add up; other types keep the highest value).
        void Merge(CorrelationAlert a, CorrelationInput? context)
        {
            var key = (a.Correlation.Index, GroupKey(a.Group));
            if (open.TryGetValue(key, out var previous))
            {
                var p = previous.Alert;
                if (a.FirstTime <= p.LastTime + a.Correlation.Correlation.Timespan.Ticks)
                {
                    var value = a.Correlation.Type == CorrelationType.EventCount ? p.Value + a.Value : Math.Max(p.Value, a.Value);
                    // a long burst merges thousands of alerts: once the list is full it stays as it is
                    var events = p.Events.Count >= MaxListedEvents ? p.Events : p.Events.Concat(a.Events).Take(MaxListedEvents).ToArray();
                    open[key] = (p with { LastTime = Math.Max(p.LastTime, a.LastTime), Value = value, Events = events }, context);
                    return;
                }
                Add(p, previous.Context);
            }
            open[key] = (a, context);
        }

        void Add(CorrelationAlert a, CorrelationInput? context)
        {
            var c = a.Correlation;
            if (!c.Generates || !options.Selection.Selects(c.Info)) return;
            sink.AddCorrelation(a.FirstTime, context, plan.Rules.Rules.Count + c.Index, CorrelationDetails(a), new AlertCorrelation(
                TypeName(c.Type),
                [.. a.Group.Select(g => new AlertField(g.Key, g.Value ?? ""))],
                a.Value,
                c.Type == CorrelationType.EventCount ? (int)Math.Min(int.MaxValue, a.Value) : a.Events.Count,
                a.FirstTime,
                a.LastTime,
                [.. a.Events.Select(x => x.Source).Distinct().Order(StringComparer.Ordinal)]));
            result.CorrelationAlerts++;
        }
    }

    const int MaxListedEvents = 256;

    /// <summary>The group's values upper-cased and joined by U+001F (null as empty): one string, no per-value copies.</summary>
    static string GroupKey(IReadOnlyList<KeyValuePair<string, string?>> group)
    {
        var length = Math.Max(0, group.Count - 1);
        for (var i = 0; i < group.Count; i++) length += group[i].Value?.Length ?? 0;
        return string.Create(length, group, static (span, group) =>
        {
            var at = 0;
            for (var i = 0; i < group.Count; i++)
            {
                if (i > 0) span[at++] = '\u001f';
                var v = group[i].Value.AsSpan();
                v.ToUpperInvariant(span[at..]);
                at += v.Length;
            }
        });
    }

    /// <summary>The Sigma spelling of a correlation type.</summary>
    public static string TypeName(CorrelationType type) => type switch
    {
        CorrelationType.EventCount => "event_count",
        CorrelationType.ValueCount => "value_count",
        CorrelationType.Temporal => "temporal",
        CorrelationType.TemporalOrdered => "temporal_ordered",
        CorrelationType.ValueSum => "value_sum",
        CorrelationType.ValueAvg => "value_avg",
        CorrelationType.ValuePercentile => "value_percentile",
        _ => type.ToString(),
    };

    static string CorrelationDetails(CorrelationAlert a)
    {
        var w = new Details.DetailsWriter();
        foreach (var g in a.Group)
        {
            w.Append(g.Key);
            w.Append(": ");
            w.AppendValue(g.Value ?? "-");
            w.Append(Details.DetailsTemplate.Separator);
        }
        var c = a.Correlation.Correlation;
        w.Append(c.Type switch
        {
            CorrelationType.EventCount => "Events",
            CorrelationType.ValueCount => "Distinct " + string.Join('+', c.Condition.Fields),
            CorrelationType.Temporal or CorrelationType.TemporalOrdered => "Rules seen",
            _ => "Value",
        });
        w.Append(": ");
        w.Append(a.Value.ToString(CultureInfo.InvariantCulture));
        w.Append(Details.DetailsTemplate.Separator);
        w.Append("Window: ");
        w.Append(FileTimes.ToDateTimeOffset(a.FirstTime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.Append(" - ");
        w.Append(FileTimes.ToDateTimeOffset(a.LastTime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return w.ToString();
    }
}
