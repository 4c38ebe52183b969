using DuckDB.NET.Data;
using Harrier.Evtx.Events;

namespace Harrier.Output.CaseDb;

/// <summary>
/// Writes a case file: a fresh DuckDB database (an existing file at the path is replaced) with the
/// tables of <see cref="CaseDbSchema"/>. Events stream in through the appender API one at a time;
/// alerts, files, sessions and the graph are written in bulk. Not thread-safe.
/// </summary>
public sealed partial class CaseDbWriter : IDisposable
{
    readonly DuckDBConnection _connection;
    readonly FieldsJson _fieldsJson = new();
    DuckDBAppender? _events;
    DuckDBAppender? _alerts;
    DuckDBAppender? _alertExposure;
    long _eventCount;
    long _alertCount;
    bool _disposed;

    CaseDbWriter(DuckDBConnection connection) => _connection = connection;

    public string Path { get; private init; } = "";
    public long EventsWritten => _eventCount;

    public static CaseDbWriter Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        File.Delete(full);
        File.Delete(full + ".wal");
        var connection = new DuckDBConnection("Data Source=" + full);
        connection.Open();
        var writer = new CaseDbWriter(connection) { Path = full };
        writer.Execute(CaseDbSchema.Create);
        writer.Meta("schema_version", CaseDbSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return writer;
    }

    public void Meta(string key, string value)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO meta VALUES ($1, $2)";
        cmd.Parameters.Add(new DuckDBParameter(key));
        cmd.Parameters.Add(new DuckDBParameter(value));
        cmd.ExecuteNonQuery();
    }

    static readonly int TargetUserName = FieldNames.Intern("TargetUserName");
    static readonly int SubjectUserName = FieldNames.Intern("SubjectUserName");
    static readonly int IpAddress = FieldNames.Intern("IpAddress");
    static readonly int ClientAddress = FieldNames.Intern("ClientAddress");
    static readonly int LogonType = FieldNames.Intern("LogonType");
    static readonly int Level = FieldNames.Intern("Level");

    /// <summary>Appends one event (normalized columns and the full field set as JSON).</summary>
    public void AddEvent(string file, EventFields e)
    {
        _events ??= _connection.CreateAppender("events");
        var row = _events.CreateRow();
        row.AppendValue(file);
        row.AppendValue(e.DisplayRecordId());
        row.AppendValue(Time(e.TimeCreated));
        row.AppendValue(e.EventId < 0 ? null : (int?)e.EventId);
        row.AppendValue(Text(e, FieldNames.Channel));
        row.AppendValue(Text(e, FieldNames.Provider));
        row.AppendValue(Text(e, FieldNames.Computer));
        row.AppendValue(Text(e, Level));
        row.AppendValue(Text(e, TargetUserName));
        row.AppendValue(Text(e, SubjectUserName));
        row.AppendValue(Text(e, IpAddress) ?? Text(e, ClientAddress));
        row.AppendValue(e.TryGet(LogonType, out var lt) && int.TryParse(lt, out var n) ? n : (int?)null);
        row.AppendValue(e.Carved);
        row.AppendValue(_fieldsJson.Write(e));
        row.EndRow();
        _eventCount++;
    }

    static string? Text(EventFields e, int id)
    {
        if (!e.TryGet(id, out var v)) return null;
        v = v.Trim();
        return v.IsEmpty || v is "-" ? null : v.ToString();
    }

    internal static DateTime? Time(long fileTime) => fileTime <= 0 ? null : DateTime.FromFileTimeUtc(fileTime);

    internal void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal DuckDBAppender Appender(string table) => _connection.CreateAppender(table);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _events?.Dispose();
        _events = null;
        _alerts?.Dispose();
        _alerts = null;
        _alertExposure?.Dispose();
        _alertExposure = null;
        Execute("CHECKPOINT");
        _connection.Dispose();
    }
}
