using System.Text.Json;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Output.Report;

namespace Harrier.Output.CaseDb;

// Alerts and the per-file reconciliation.
public sealed partial class CaseDbWriter
{
    public void WriteFiles(IEnumerable<FileReconciliation> files)
    {
        using var a = Appender("files");
        using var p = Appender("problems");
        foreach (var f in files)
        {
            var row = a.CreateRow();
            row.AppendValue(f.File);
            row.AppendValue(f.Format.ToString().ToLowerInvariant());
            row.AppendValue(f.Bytes);
            row.AppendValue(f.RecordsRead);
            row.AppendValue(f.Rendered);
            row.AppendValue(f.Failed);
            row.AppendValue(f.Carved);
            row.AppendValue(f.OutsideTimeRange);
            row.AppendValue(f.Alerts);
            row.AppendValue(f.Unreadable);
            row.EndRow();
            foreach (var problem in f.Problems)
            {
                var pr = p.CreateRow();
                pr.AppendValue(f.File);
                pr.AppendValue(problem.Location);
                pr.AppendValue(problem.Message);
                pr.EndRow();
            }
        }
    }

    public void WriteAlerts(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts) AddAlert(alert);
        _alerts?.Dispose();
        _alerts = null;
        _alertExposure?.Dispose();
        _alertExposure = null;
    }

    /// <summary>
    /// Appends one alert (streaming: the hunt's sink calls this as alerts come out in order) with
    /// <c>alert_id</c> = its 1-based position, and one <c>alert_exposure</c> row per exposure note.
    /// </summary>
    public void AddAlert(Alert alert)
    {
        _alerts ??= Appender("alerts");
        var id = ++_alertCount;
        {
            var row = _alerts.CreateRow();
            row.AppendValue(Time(alert.TimeCreated));
            row.AppendValue(alert.Computer);
            row.AppendValue(alert.Channel);
            row.AppendValue(alert.Provider);
            row.AppendValue(alert.EventId < 0 ? null : (int?)alert.EventId);
            row.AppendValue(alert.RecordId);
            row.AppendValue(alert.File);
            row.AppendValue(alert.Rule.Id);
            row.AppendValue(alert.Rule.Title);
            row.AppendValue(alert.Level.ToSigma());
            row.AppendValue((int)alert.Level);
            row.AppendValue(alert.Rule.Tags.ToList());
            row.AppendValue(AttackTactics.FromTags(alert.Rule.Tags));
            row.AppendValue(AlertStatisticsBuilder.AccountOf(alert));
            row.AppendValue(alert.Details);
            row.AppendValue(alert.Carved);
            row.AppendValue(alert.Correlation is null ? null : CorrelationJson(alert.Correlation));
            row.AppendValue(FieldsJson(alert.Fields));
            row.AppendValue(id);
            row.AppendValue(alert.Rule.Level.ToSigma());
            row.EndRow();
        }
        if (alert.Exposure.Count == 0) return;
        _alertExposure ??= Appender("alert_exposure");
        foreach (var note in alert.Exposure)
        {
            var row = _alertExposure.CreateRow();
            row.AppendValue(id);
            row.AppendValue(note.FindingKey);
            row.AppendValue(note.FindingId);
            row.AppendValue(note.Field);
            row.AppendValue(note.Subject);
            row.AppendValue(note.Severity.ToSigma());
            row.EndRow();
        }
    }

    static string Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(j);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    static string FieldsJson(IReadOnlyList<AlertField> fields) => Json(j =>
    {
        j.WriteStartObject();
        foreach (var group in fields.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var values = group.ToList();
            if (values.Count == 1) j.WriteString(group.Key, values[0].Value);
            else
            {
                j.WriteStartArray(group.Key);
                foreach (var v in values) j.WriteStringValue(v.Value);
                j.WriteEndArray();
            }
        }
        j.WriteEndObject();
    });

    static string CorrelationJson(AlertCorrelation c) => Json(j =>
    {
        j.WriteStartObject();
        j.WriteString("type", c.Type);
        j.WriteNumber("value", c.Value);
        j.WriteNumber("event_count", c.EventCount);
        j.WriteString("first", Harrier.Investigation.FileTimeText.Format(c.FirstTime));
        j.WriteString("last", Harrier.Investigation.FileTimeText.Format(c.LastTime));
        j.WriteStartObject("group_by");
        foreach (var g in c.GroupBy) j.WriteString(g.Name, g.Value);
        j.WriteEndObject();
        j.WriteStartArray("rule_ids");
        foreach (var r in c.RuleIds) j.WriteStringValue(r);
        j.WriteEndArray();
        j.WriteEndObject();
    });
}
