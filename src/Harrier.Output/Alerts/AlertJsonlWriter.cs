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
    readonly Dictionary<string, int> _nameCounts = new(StringComparer.OrdinalIgnoreCase);
    char[] _message = new char[512];
    int[] _idCounts = new int[256];
    JsonEncodedText?[] _names = new JsonEncodedText?[256];
    long _lastTime;

    /// <summary>Property names and constant values, escaped once.</summary>
    static class Names
    {
        static JsonEncodedText E(string s) => JsonEncodedText.Encode(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        public static readonly JsonEncodedText Message = E("message"), Datetime = E("datetime"), TimestampDesc = E("timestamp_desc"),
            EventTime = E("Event Time"), WindowStart = E("Correlation Window Start"), AtTimestamp = E("@timestamp"),
            Computer = E("computer"), Channel = E("channel"), Provider = E("provider"), EventId = E("event_id"),
            RecordId = E("record_id"), File = E("file"), Carved = E("carved"), Level = E("level"),
            LevelRaisedFrom = E("level_raised_from"), Details = E("details"), Rule = E("rule"), Id = E("id"), Title = E("title"),
            Status = E("status"), Tags = E("tags"), Origin = E("origin"), BuiltIn = E("builtin"), User = E("user"),
            Source = E("source"), Fields = E("fields");
    }

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
        WriteMessage(w, a);
        Span<char> time = stackalloc char[64];
        _time.TryFormat(a.TimeCreated, time, out var n);
        w.WriteString(Names.Datetime, time[..n]);
        w.WriteString(Names.TimestampDesc, a.Correlation is null ? Names.EventTime : Names.WindowStart);
        AlertTimeFormat.TryFormatUtc(a.TimeCreated, time, out n);
        w.WriteString(Names.AtTimestamp, time[..n]);
        w.WriteString(Names.Computer, a.Computer);
        w.WriteString(Names.Channel, a.Channel);
        w.WriteString(Names.Provider, a.Provider);
        w.WriteNumber(Names.EventId, a.EventId);
        w.WriteNumber(Names.RecordId, a.RecordId);
        w.WriteString(Names.File, a.File);
        if (a.Carved) w.WriteBoolean(Names.Carved, true);
        w.WriteString(Names.Level, a.Level.ToSigma());
        if (a.Level != a.Rule.Level) w.WriteString(Names.LevelRaisedFrom, a.Rule.Level.ToSigma());
        w.WriteString(Names.Details, a.Details);
        w.WriteStartObject(Names.Rule);
        w.WriteString(Names.Id, a.Rule.Id);
        w.WriteString(Names.Title, a.Rule.Title);
        w.WriteString(Names.Level, a.Rule.Level.ToSigma());
        w.WriteString(Names.Status, a.Rule.Status);
        w.WriteStartArray(Names.Tags);
        foreach (var t in a.Rule.Tags) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteString(Names.Origin, a.Rule.Origin == RuleOrigin.BuiltIn ? Names.BuiltIn : Names.User);
        w.WriteString(Names.Source, a.Rule.Source);
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

    /// <summary><c>message</c>: rule title, " | ", details, composed in a reused buffer rather than a new string.</summary>
    void WriteMessage(Utf8JsonWriter w, Alert a)
    {
        var title = a.Rule.Title;
        var details = a.Details;
        var length = title.Length + 3 + details.Length;
        if (_message.Length < length) _message = new char[Math.Max(length, _message.Length * 2)];
        title.CopyTo(_message);
        " | ".CopyTo(_message.AsSpan(title.Length));
        details.CopyTo(_message.AsSpan(title.Length + 3));
        w.WriteString(Names.Message, _message.AsSpan(0, length));
    }

    /// <summary>Fields as an object in first-seen order; a name that occurs more than once becomes an array.</summary>
    void WriteFields(Utf8JsonWriter w, IReadOnlyList<AlertField> fields)
    {
        w.WriteStartObject(Names.Fields);
        if (fields is AlertFieldList stored)
        {
            WriteStoredFields(w, stored);
            return;
        }
        // Occurrences per name (ignoring case) first, so each field costs one lookup rather than a scan of the rest.
        var counts = _nameCounts;
        counts.Clear();
        for (var i = 0; i < fields.Count; i++)
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, fields[i].Name, out _)++;
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            ref var left = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(counts, f.Name);
            if (left == 0) continue; // written with its first occurrence
            if (left == 1)
            {
                w.WriteString(f.Name, f.Value);
                left = 0;
                continue;
            }
            w.WriteStartArray(f.Name);
            for (var j = i; j < fields.Count; j++)
                if (string.Equals(fields[j].Name, f.Name, StringComparison.OrdinalIgnoreCase)) w.WriteStringValue(fields[j].Value);
            w.WriteEndArray();
            left = 0;
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// <see cref="WriteFields"/> for fields as the hunt stores them: values written from their spans, the values of
    /// one field (names equal ignoring case) together, named as the event spells the first; names escaped once per
    /// spelling, no strings made. ASCII values go to the writer as UTF-8 bytes: the JSON escaping is the same, the
    /// UTF-16 → UTF-8 step is saved.
    /// </summary>
    void WriteStoredFields(Utf8JsonWriter w, AlertFieldList fields)
    {
        var count = fields.Count;
        var counts = _idCounts;
        for (var i = 0; i < count; i++)
        {
            var id = fields.FieldId(i);
            if (id >= counts.Length)
            {
                Array.Resize(ref _idCounts, Math.Max(id + 1, counts.Length * 2));
                counts = _idCounts;
            }
            counts[id]++;
        }
        for (var i = 0; i < count; i++)
        {
            var id = fields.FieldId(i);
            var left = counts[id];
            if (left == 0) continue; // written with its first occurrence
            var name = EncodedName(fields.SpellingId(i)); // as the event spells it (its first value's name)
            if (left == 1)
            {
                if (fields.IsAscii) w.WriteString(name, fields.AsciiValue(i)); // ASCII is UTF-8: no transcoding
                else w.WriteString(name, fields.Utf16Value(i));
            }
            else
            {
                w.WriteStartArray(name);
                for (var j = i; j < count; j++)
                {
                    if (fields.FieldId(j) != id) continue;
                    if (fields.IsAscii) w.WriteStringValue(fields.AsciiValue(j));
                    else w.WriteStringValue(fields.Utf16Value(j));
                }
                w.WriteEndArray();
            }
            counts[id] = 0;
        }
        w.WriteEndObject();
    }

    JsonEncodedText EncodedName(int spelling)
    {
        if (spelling >= _names.Length) Array.Resize(ref _names, Math.Max(spelling + 1, _names.Length * 2));
        return _names[spelling] ??= JsonEncodedText.Encode(Harrier.Evtx.Events.FieldNames.Spelling(spelling), JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
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
