using System.Text.Json;
using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Export;

/// <summary>Which rows <c>harrier logons</c> shows.</summary>
public enum SessionView
{
    Logons,
    Rdp,
    Failures,
}

/// <summary>Writes sessions, RDP sessions or failure groups as CSV or JSON Lines.</summary>
public static class SessionWriter
{
    public static (string[] Columns, IEnumerable<string?[]> Rows) Table(InvestigationResult r, SessionView view) => view switch
    {
        SessionView.Logons => (SessionRows.SessionColumns, r.Sessions.Select(SessionRows.Row)),
        SessionView.Rdp => (SessionRows.RdpColumns, r.RdpSessions.Select(SessionRows.Row)),
        _ => (SessionRows.FailureColumns, r.Failures.Select(SessionRows.Row)),
    };

    /// <summary>The columns a terminal table shows (the full set is in CSV, JSONL and the case file).</summary>
    public static (string[] Columns, IEnumerable<string?[]> Rows) Brief(InvestigationResult r, SessionView view)
    {
        var (columns, rows) = Table(r, view);
        string[] keep = view switch
        {
            SessionView.Logons => ["start", "end", "computer", "logon_id", "logon_type", "account", "source_address", "source_workstation", "elevated", "rdp_session_id"],
            SessionView.Rdp => ["start", "end", "kind", "computer", "session_id", "account", "source_address", "resource", "logon_id"],
            _ => columns,
        };
        var index = keep.Select(k => Array.IndexOf(columns, k)).ToArray();
        return (keep, rows.Select(row => index.Select(i => row[i]).ToArray()));
    }

    public static void WriteCsv(TextWriter w, InvestigationResult r, SessionView view)
    {
        var (columns, rows) = Table(r, view);
        Csv.Row(w, columns!);
        foreach (var row in rows) Csv.Row(w, row);
    }

    /// <summary>One JSON object per line; columns as keys, empty values omitted; numbers and booleans typed.</summary>
    public static void WriteJsonl(Stream output, InvestigationResult r, SessionView view)
    {
        var (columns, rows) = Table(r, view);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var row in rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Length; i++)
            {
                var v = row[i];
                if (string.IsNullOrEmpty(v)) continue;
                if (v is "true" or "false") json.WriteBoolean(columns[i], v == "true");
                else if (IsNumberColumn(columns[i]) && long.TryParse(v, out var n)) json.WriteNumber(columns[i], n);
                else json.WriteString(columns[i], v);
            }
            json.WriteEndObject();
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    static bool IsNumberColumn(string c) =>
        c is "logon_type" or "rdp_session_id" or "reconnects" or "disconnects" or "record_id" or "session_id" or "count";
}
