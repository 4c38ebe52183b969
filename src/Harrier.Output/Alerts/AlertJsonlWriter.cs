using System.Text.Encodings.Web;
using System.Text.Json;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;

namespace Harrier.Output.Alerts;

/// <summary>
/// Writes one alert per line as JSON (UTF-8, LF line ends), importable into Timesketch (every line has
/// <c>message</c>, <c>datetime</c>, <c>timestamp_desc</c>) and Elastic (<c>@timestamp</c> in UTC, nested
/// <c>rule</c>/<c>fields</c> objects), then a final reconciliation line (<c>"harrier_summary"</c>).
/// Field values are written exactly as read; JSON escaping keeps control characters inert.
/// </summary>
public sealed class AlertJsonlWriter : IDisposable
{
    static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    static readonly byte[] NewLine = "\n"u8.ToArray();

    readonly Stream _out;
    readonly bool _ownsStream;
    readonly AlertTimeFormat _time;
    readonly Utf8JsonWriter _json;
    long _lastTime;

    public AlertJsonlWriter(Stream output, AlertTimeFormat time, bool ownsStream = false)
    {
        _out = output;
        _ownsStream = ownsStream;
        _time = time;
        _json = new Utf8JsonWriter(output, Options);
    }

    public static AlertJsonlWriter Create(string path, AlertTimeFormat time) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), time, ownsStream: true);

    public long Written { get; private set; }

    public void Write(Alert a)
    {
        var w = _json;
        w.Reset(_out);
        w.WriteStartObject();
        w.WriteString("message", a.Rule.Title + " | " + a.Details);
        w.WriteString("datetime", _time.Format(a.TimeCreated));
        w.WriteString("timestamp_desc", a.Correlation is null ? "Event Time" : "Correlation Window Start");
        w.WriteString("@timestamp", AlertTimeFormat.FormatUtc(a.TimeCreated));
        w.WriteString("computer", a.Computer);
        w.WriteString("channel", a.Channel);
        w.WriteString("provider", a.Provider);
        w.WriteNumber("event_id", a.EventId);
        w.WriteNumber("record_id", a.RecordId);
        w.WriteString("file", a.File);
        if (a.Carved) w.WriteBoolean("carved", true);
        w.WriteString("level", a.Level.ToSigma());
        if (a.Level != a.Rule.Level) w.WriteString("level_raised_from", a.Rule.Level.ToSigma());
        w.WriteString("details", a.Details);
        w.WriteStartObject("rule");
        w.WriteString("id", a.Rule.Id);
        w.WriteString("title", a.Rule.Title);
        w.WriteString("level", a.Rule.Level.ToSigma());
        w.WriteString("status", a.Rule.Status);
        w.WriteStartArray("tags");
        foreach (var t in a.Rule.Tags) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteString("origin", a.Rule.Origin == RuleOrigin.BuiltIn ? "builtin" : "user");
        w.WriteString("source", a.Rule.Source);
        w.WriteEndObject();
        WriteFields(w, a.Fields);
        if (a.Correlation is { } c) WriteCorrelation(w, c);
        if (a.Exposure.Count > 0)
        {
            w.WriteStartArray("exposure");
            foreach (var x in a.Exposure)
            {
                w.WriteStartObject();
                w.WriteString("finding_id", x.FindingId);
                w.WriteString("finding_key", x.FindingKey);
                w.WriteString("subject", x.Subject);
                w.WriteString("field", x.Field);
                w.WriteString("title", x.Title);
                w.WriteString("severity", x.Severity.ToSigma());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.Flush();
        _out.Write(NewLine);
        if (a.TimeCreated > _lastTime) _lastTime = a.TimeCreated;
        Written++;
    }

    /// <summary>Fields as an object in first-seen order; a name that occurs more than once becomes an array.</summary>
    static void WriteFields(Utf8JsonWriter w, IReadOnlyList<AlertField> fields)
    {
        w.WriteStartObject("fields");
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            if (!done.Add(name)) continue;
            var more = false;
            for (var j = i + 1; j < fields.Count && !more; j++)
                more = string.Equals(fields[j].Name, name, StringComparison.OrdinalIgnoreCase);
            if (!more)
            {
                w.WriteString(name, fields[i].Value);
                continue;
            }
            w.WriteStartArray(name);
            for (var j = i; j < fields.Count; j++)
                if (string.Equals(fields[j].Name, name, StringComparison.OrdinalIgnoreCase)) w.WriteStringValue(fields[j].Value);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    void WriteCorrelation(Utf8JsonWriter w, AlertCorrelation c)
    {
        w.WriteStartObject("correlation");
        w.WriteString("type", c.Type);
        w.WriteStartObject("group_by");
        foreach (var g in c.GroupBy) w.WriteString(g.Name, g.Value);
        w.WriteEndObject();
        w.WriteNumber("value", c.Value);
        w.WriteNumber("event_count", c.EventCount);
        w.WriteString("first", _time.Format(c.FirstTime));
        w.WriteString("last", _time.Format(c.LastTime));
        w.WriteStartArray("rules");
        foreach (var r in c.RuleIds) w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes the reconciliation line: totals and one entry per input file.</summary>
    public void WriteSummary(ScanSummary s)
    {
        var w = _json;
        w.Reset(_out);
        w.WriteStartObject();
        w.WriteString("message", $"Harrier hunt summary: {s.Files.Count} files, {s.RecordsRead} records read, {s.Failed} failed, {s.Alerts.Total} alerts");
        w.WriteString("datetime", _time.Format(_lastTime > 0 ? _lastTime : s.Alerts.LastTime));
        w.WriteString("timestamp_desc", "Scan Summary");
        w.WriteStartObject("harrier_summary");
        w.WriteNumber("files", s.Files.Count);
        w.WriteNumber("unreadable_files", s.UnreadableFiles);
        w.WriteNumber("records_read", s.RecordsRead);
        w.WriteNumber("rendered", s.Rendered);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("carved", s.Carved);
        w.WriteNumber("rules_loaded", s.RulesLoaded);
        w.WriteNumber("rule_problems", s.RuleProblems.Count);
        w.WriteNumber("alerts", s.Alerts.Total);
        w.WriteNumber("alerts_with_exposure", s.Alerts.WithExposure);
        w.WriteNumber("alerts_raised", s.Alerts.Raised);
        w.WriteStartObject("alerts_by_level");
        foreach (var level in Enum.GetValues<AlertLevel>()) w.WriteNumber(level.ToSigma(), s.Alerts.Count(level));
        w.WriteEndObject();
        w.WriteStartArray("per_file");
        foreach (var f in s.Files)
        {
            w.WriteStartObject();
            w.WriteString("file", f.File);
            w.WriteString("format", f.Format.ToString().ToLowerInvariant());
            w.WriteNumber("bytes", f.Bytes);
            w.WriteNumber("records_read", f.RecordsRead);
            w.WriteNumber("rendered", f.Rendered);
            w.WriteNumber("failed", f.Failed);
            w.WriteNumber("carved", f.Carved);
            w.WriteNumber("outside_time_range", f.OutsideTimeRange);
            w.WriteNumber("alerts", f.Alerts);
            if (f.Unreadable is { } why) w.WriteString("unreadable", why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        _out.Write(NewLine);
    }

    public void Dispose()
    {
        _json.Dispose();
        _out.Flush();
        if (_ownsStream) _out.Dispose();
    }
}
