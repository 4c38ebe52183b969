using System.Text.Json;
using Harrier.Output.CaseDb;

namespace Harrier.Output.Report;

/// <summary>
/// Reads what the report shows out of a case file, straight into the JSON the page renders from.
/// Every query has a total order, so the same case file gives the same bytes.
/// </summary>
static partial class ReportData
{
    public const int MaxSessionRows = 10_000;
    public const int MaxAlertRows = 5_000;
    public const int MaxGraphNodes = 1_500;
    public const int TimelineBuckets = 60;

    public sealed record Overview(string First, string Last, long Events, long Files, long Hosts, long Accounts,
        long Alerts, long Sessions, long OpenSessions, long RdpSessions, long Failures, long UnreadableRecords, long UnreadableFiles, string Command);

    public static Overview ReadOverview(CaseDbQuery q)
    {
        string Meta(string key) => q.Scalar($"SELECT value FROM meta WHERE key = '{key}'") as string ?? "";
        long Count(string sql) => Long(q.Scalar(sql));
        var hosts = Meta("scope_hosts");
        return new Overview(Meta("scope_first"), Meta("scope_last"),
            long.TryParse(Meta("scope_events"), out var ev) ? ev : Count("SELECT count(*) FROM events"),
            Count("SELECT count(*) FROM files"), hosts.Length == 0 ? 0 : hosts.Split('\n').Length,
            Count("SELECT count(DISTINCT id) FROM graph_nodes WHERE kind = 'account'"),
            Count("SELECT count(*) FROM alerts"), Count("SELECT count(*) FROM sessions"),
            Count("SELECT count(*) FROM sessions WHERE end_reason = 'open'"), Count("SELECT count(*) FROM rdp_sessions"),
            Count("SELECT coalesce(sum(count), 0) FROM failures"), Count("SELECT coalesce(sum(failed), 0) FROM files"),
            Count("SELECT count(*) FROM files WHERE unreadable IS NOT NULL"), Meta("command"));
    }

    public static void Write(Utf8JsonWriter j, CaseDbQuery q)
    {
        j.WriteStartObject();
        j.WriteStartObject("scope");
        var hosts = q.Scalar("SELECT value FROM meta WHERE key = 'scope_hosts'") as string ?? "";
        j.WriteStartArray("hosts");
        foreach (var h in hosts.Split('\n', StringSplitOptions.RemoveEmptyEntries)) j.WriteStringValue(h);
        j.WriteEndArray();
        j.WriteEndObject();

        j.WriteStartObject("alerts");
        Pairs(j, "levels", q.Run("SELECT level, count(*) FROM alerts GROUP BY level, level_rank ORDER BY level_rank DESC"));
        Pairs(j, "tactics", q.Run("SELECT t, count(*) c FROM (SELECT unnest(tactics) t FROM alerts) GROUP BY t ORDER BY c DESC, t"));
        Rows(j, "rules", q.Run("SELECT rule_title, level, count(*) c FROM alerts GROUP BY rule_title, level, level_rank ORDER BY c DESC, level_rank DESC, rule_title LIMIT 15"));
        Pairs(j, "hosts", q.Run("SELECT computer, count(*) c FROM alerts GROUP BY computer ORDER BY c DESC, computer LIMIT 10"));
        Pairs(j, "accounts", q.Run("SELECT account, count(*) c FROM alerts WHERE account IS NOT NULL GROUP BY account ORDER BY c DESC, account LIMIT 10"));
        // Case files with exposure links (schema 2+) show which findings each alert involves.
        var exposureColumn = HasTable(q, "alert_exposure")
            ? ", (SELECT string_agg(x.finding_key, '; ' ORDER BY x.finding_key) FROM alert_exposure x WHERE x.alert_id = a.alert_id) AS exposure"
            : "";
        Table(j, "table", q, "SELECT time, level, rule_title AS rule, computer, event_id, record_id, account, details" + exposureColumn +
            " FROM alerts a ORDER BY level_rank DESC, time, file, record_id, rule_id", "SELECT count(*) FROM alerts", MaxAlertRows);
        j.WriteEndObject();

        j.WriteStartObject("logons");
        Pairs(j, "accounts", q.Run("SELECT account, count(*) c FROM sessions WHERE logon_type NOT IN (0, 5) GROUP BY account ORDER BY c DESC, account LIMIT 10"));
        Pairs(j, "hosts", q.Run("SELECT computer, count(*) c FROM sessions WHERE logon_type NOT IN (0, 5) GROUP BY computer ORDER BY c DESC, computer LIMIT 10"));
        j.WriteEndObject();

        Timeline(j, q);

        Table(j, "sessions", q, "SELECT start_time AS start, end_time AS \"end\", end_reason, computer, logon_id, logon_type, account, " +
            "source_address, source_workstation, auth_package, elevated, rdp_session_id AS rdp_session, reconnects, disconnects FROM sessions " +
            "ORDER BY start_time, computer, record_id", "SELECT count(*) FROM sessions", MaxSessionRows);
        Table(j, "rdp", q, "SELECT start_time AS start, end_time AS \"end\", kind, computer, session_id, account, source_address, resource, " +
            "authenticated_at, logon_id, reconnects, disconnects FROM rdp_sessions ORDER BY start_time, computer, record_id",
            "SELECT count(*) FROM rdp_sessions", MaxSessionRows);
        Table(j, "failures", q, "SELECT first_time AS first, last_time AS last, count, source, account, target, reasons, event_ids " +
            "FROM failures ORDER BY first_time, target, account, source", "SELECT count(*) FROM failures", MaxSessionRows);

        Graph(j, q);
        Exposure(j, q);

        Table(j, "files", q, "SELECT file, format, bytes, records_read, rendered, failed, carved, unreadable FROM files " +
            "WHERE failed > 0 OR unreadable IS NOT NULL ORDER BY file", "SELECT count(*) FROM files WHERE failed > 0 OR unreadable IS NOT NULL", MaxSessionRows);
        Table(j, "problems", q, "SELECT file, location, message FROM problems ORDER BY file, rowid", "SELECT count(*) FROM problems", MaxSessionRows);
        j.WriteEndObject();
    }

    static void Timeline(Utf8JsonWriter j, CaseDbQuery q)
    {
        const string times = "(SELECT time AS t, 1 AS a FROM alerts WHERE time IS NOT NULL UNION ALL SELECT start_time, 0 FROM sessions WHERE start_time IS NOT NULL)";
        var range = q.Run($"SELECT min(t), max(t) FROM {times}").Rows[0];
        j.WriteStartObject("timeline");
        j.WriteString("start", range[0] ?? "");
        j.WriteString("end", range[1] ?? "");
        j.WriteNumber("count", TimelineBuckets);
        j.WriteStartArray("buckets");
        if (range[0] != null)
        {
            var sql = $"WITH r AS (SELECT epoch_us(min(t)) lo, greatest(epoch_us(max(t)) - epoch_us(min(t)), 1) w FROM {times}) " +
                      $"SELECT least({TimelineBuckets - 1}, floor((epoch_us(t) - lo) * {TimelineBuckets}.0 / w))::INTEGER b, " +
                      "count(*) FILTER (WHERE a = 1), count(*) FILTER (WHERE a = 0) FROM " + times + ", r GROUP BY b ORDER BY b";
            foreach (var row in q.Run(sql).Rows)
            {
                j.WriteStartArray();
                foreach (var v in row) j.WriteNumberValue(long.Parse(v!, System.Globalization.CultureInfo.InvariantCulture));
                j.WriteEndArray();
            }
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    static void Graph(Utf8JsonWriter j, CaseDbQuery q)
    {
        j.WriteStartObject("graph");
        // The most connected nodes when there are too many to draw (the tables and the case file keep all).
        var nodes = q.Run("WITH deg AS (SELECT id, (SELECT coalesce(sum(count), 0) FROM graph_edges e WHERE e.source = n.id OR e.account = n.id OR e.target = n.id) d " +
                          $"FROM graph_nodes n) SELECT n.id, kind, label, first_time, last_time, external, privileged FROM graph_nodes n JOIN deg USING (id) " +
                          $"ORDER BY d DESC, n.id LIMIT {MaxGraphNodes}");
        var kept = new HashSet<string>(nodes.Rows.Select(r => r[0]!), StringComparer.Ordinal);
        j.WriteNumber("total_nodes", Long(q.Scalar("SELECT count(*) FROM graph_nodes")));
        j.WriteStartArray("nodes");
        foreach (var r in nodes.Rows.OrderBy(r => r[0], StringComparer.Ordinal))
        {
            j.WriteStartObject();
            j.WriteString("id", r[0]);
            j.WriteString("kind", r[1]);
            j.WriteString("label", r[2]);
            j.WriteString("first", r[3] ?? "");
            j.WriteString("last", r[4] ?? "");
            j.WriteBoolean("external", r[5] == "true");
            j.WriteBoolean("privileged", r[6] == "true");
            j.WriteEndObject();
        }
        j.WriteEndArray();
        var edges = q.Run("SELECT f, t, success, sum(c) FROM (SELECT source f, account t, success, count c FROM graph_edges WHERE source IS NOT NULL " +
                          "UNION ALL SELECT account, target, success, count FROM graph_edges) GROUP BY f, t, success ORDER BY f, t, success");
        j.WriteStartArray("edges");
        foreach (var r in edges.Rows)
        {
            if (!kept.Contains(r[0]!) || !kept.Contains(r[1]!)) continue;
            j.WriteStartObject();
            j.WriteString("from", r[0]);
            j.WriteString("to", r[1]);
            j.WriteBoolean("success", r[2] == "true");
            j.WriteNumber("count", long.Parse(r[3]!, System.Globalization.CultureInfo.InvariantCulture));
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();

        j.WriteStartArray("paths");
        var hops = q.Run("SELECT path_id, kind, source, target, time FROM graph_paths ORDER BY path_id, hop");
        foreach (var path in hops.Rows.GroupBy(r => r[0]))
        {
            j.WriteStartObject();
            j.WriteNumber("id", int.Parse(path.Key!, System.Globalization.CultureInfo.InvariantCulture));
            j.WriteString("kind", path.First()[1]);
            j.WriteStartArray("hops");
            foreach (var h in path)
            {
                j.WriteStartObject();
                j.WriteString("from", h[2]);
                j.WriteString("to", h[3]);
                j.WriteString("time", h[4] ?? "");
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("findings");
        foreach (var r in q.Run("SELECT kind, source, account, target, count, total, first_time, last_time, path_id FROM graph_findings " +
                                "ORDER BY kind, first_time, source, account").Rows)
        {
            j.WriteStartObject();
            j.WriteString("kind", r[0]);
            j.WriteString("source", r[1] ?? "");
            j.WriteString("account", r[2] ?? "");
            j.WriteString("target", r[3] ?? "");
            j.WriteString("count", r[4] ?? "");
            j.WriteString("total", r[5] ?? "");
            j.WriteString("first", r[6] ?? "");
            j.WriteString("last", r[7] ?? "");
            if (r[8] is { } id) j.WriteNumber("path_id", int.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    /// <summary>A count from DuckDB (BIGINT, or HUGEINT for sums) as a long.</summary>
    static long Long(object? v) => v is null ? 0 : long.Parse(CaseDbQuery.Text(v)!, System.Globalization.CultureInfo.InvariantCulture);

    static void Pairs(Utf8JsonWriter j, string name, QueryResult r)
    {
        j.WriteStartArray(name);
        foreach (var row in r.Rows)
        {
            j.WriteStartArray();
            j.WriteStringValue(row[0] ?? "");
            j.WriteNumberValue(long.Parse(row[1]!, System.Globalization.CultureInfo.InvariantCulture));
            j.WriteEndArray();
        }
        j.WriteEndArray();
    }

    static void Rows(Utf8JsonWriter j, string name, QueryResult r)
    {
        j.WriteStartArray(name);
        foreach (var row in r.Rows)
        {
            j.WriteStartArray();
            foreach (var v in row) j.WriteStringValue(v);
            j.WriteEndArray();
        }
        j.WriteEndArray();
    }

    static void Table(Utf8JsonWriter j, string name, CaseDbQuery q, string sql, string countSql, int max)
    {
        var r = q.Run(sql, max);
        j.WriteStartObject(name);
        j.WriteStartArray("columns");
        foreach (var c in r.Columns) j.WriteStringValue(c);
        j.WriteEndArray();
        Rows(j, "rows", r);
        j.WriteNumber("total", Long(q.Scalar(countSql)));
        j.WriteEndObject();
    }
}
