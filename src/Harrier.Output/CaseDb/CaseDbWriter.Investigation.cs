using System.Text.Json;
using Harrier.Investigation;
using Harrier.Investigation.Export;
using Harrier.Investigation.Graph;
using Harrier.Investigation.Sessions;

namespace Harrier.Output.CaseDb;

// Sessions, RDP sessions, failure groups and the access graph.
public sealed partial class CaseDbWriter
{
    public void WriteInvestigation(InvestigationResult r)
    {
        WriteScope(r.Scope);
        using (var a = Appender("sessions"))
            foreach (var s in r.Sessions)
            {
                var row = a.CreateRow();
                row.AppendValue(Time(s.Start));
                row.AppendValue(Time(s.End));
                row.AppendValue(SessionRows.EndReasonText(s.EndReason));
                row.AppendValue(s.Computer);
                row.AppendValue(s.LogonIdText);
                row.AppendValue(s.LogonType);
                row.AppendValue(s.Account);
                row.AppendValue(s.AccountSid);
                row.AppendValue(s.SourceAddress);
                row.AppendValue(s.SourcePort);
                row.AppendValue(s.SourceWorkstation);
                row.AppendValue(s.AuthPackage);
                row.AppendValue(s.LogonProcess);
                row.AppendValue(s.Elevated);
                row.AppendValue(s.RdpSessionId < 0 ? null : (int?)s.RdpSessionId);
                row.AppendValue(Count(s.Activity, SessionActivityKind.Reconnect));
                row.AppendValue(Count(s.Activity, SessionActivityKind.Disconnect));
                row.AppendValue(s.StartRecordId);
                row.AppendValue(FileTimeText.Seconds(s.Start, s.End));
                row.AppendValue(ActivityJson(s.Activity));
                row.EndRow();
            }
        using (var a = Appender("rdp_sessions"))
            foreach (var s in r.RdpSessions)
            {
                var row = a.CreateRow();
                row.AppendValue(Time(s.Start));
                row.AppendValue(Time(s.End));
                row.AppendValue(s.Kind == RdpSessionKind.Host ? "host" : "gateway");
                row.AppendValue(s.Computer);
                row.AppendValue(s.SessionId < 0 ? null : (int?)s.SessionId);
                row.AppendValue(s.Account);
                row.AppendValue(s.SourceAddress);
                row.AppendValue(s.Resource);
                row.AppendValue(Time(s.AuthenticatedAt));
                row.AppendValue(s.Logon?.LogonIdText);
                row.AppendValue(Count(s.Activity, SessionActivityKind.Reconnect));
                row.AppendValue(Count(s.Activity, SessionActivityKind.Disconnect));
                row.AppendValue(s.StartRecordId);
                row.AppendValue(ActivityJson(s.Activity));
                row.EndRow();
            }
        using (var a = Appender("failures"))
            foreach (var f in r.Failures)
            {
                var row = a.CreateRow();
                row.AppendValue(Time(f.First));
                row.AppendValue(Time(f.Last));
                row.AppendValue(f.Count);
                row.AppendValue(f.Source);
                row.AppendValue(f.Account);
                row.AppendValue(f.Target);
                row.AppendValue(f.Reasons.ToList());
                row.AppendValue(f.EventIds.ToList());
                row.EndRow();
            }
        WriteGraph(r.Graph);
    }

    void WriteScope(InvestigationScope scope)
    {
        Meta("scope_first", FileTimeText.Format(scope.First));
        Meta("scope_last", FileTimeText.Format(scope.Last));
        Meta("scope_events", scope.Events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Meta("scope_hosts", string.Join('\n', scope.Hosts));
        Meta("unmatched_ends", scope.UnmatchedEnds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Meta("unmatched_activity", scope.UnmatchedActivity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    void WriteGraph(AccessGraph g)
    {
        Meta("graph_window_start", FileTimeText.Format(g.WindowStart));
        using (var a = Appender("graph_nodes"))
            foreach (var n in g.Nodes)
            {
                var row = a.CreateRow();
                row.AppendValue(n.Id);
                row.AppendValue(n.Kind.ToString().ToLowerInvariant());
                row.AppendValue(n.Label);
                row.AppendValue(Time(n.First));
                row.AppendValue(Time(n.Last));
                row.AppendValue(n.External);
                row.AppendValue(n.HasLogs);
                row.AppendValue(n.Privileged);
                row.EndRow();
            }
        using (var a = Appender("graph_edges"))
            foreach (var e in g.Edges)
            {
                var row = a.CreateRow();
                row.AppendValue(e.SourceId);
                row.AppendValue(e.AccountId);
                row.AppendValue(e.TargetId);
                row.AppendValue(e.Success);
                row.AppendValue(e.Count);
                row.AppendValue(e.PrivilegedCount);
                row.AppendValue(Time(e.First));
                row.AppendValue(Time(e.Last));
                row.AppendValue(e.Protocols.Select(GraphWriter.ProtocolText).ToList());
                row.AppendValue(e.LogonTypes.ToList());
                row.AppendValue(e.EventIds.ToList());
                row.EndRow();
            }
        using (var paths = Appender("graph_paths"))
        using (var findings = Appender("graph_findings"))
        {
            var id = 0;
            foreach (var p in g.Paths) AddPath(paths, ++id, "lateral", p.Hops);
            foreach (var z in g.PatientZero)
            {
                AddPath(paths, ++id, "patient-zero", z.Path);
                Finding(findings, "patient-zero", z.SourceId, z.PrivilegedAccountId, z.PrivilegedTargetId, null, null, z.First, z.PrivilegedTime, id);
            }
            foreach (var n in g.NewSources)
                Finding(findings, "new-source", n.SourceId, string.Join(' ', n.AccountIds), string.Join(' ', n.TargetIds), null, null, n.First, 0, null);
            foreach (var r in g.RareSources)
                Finding(findings, "rare-source", r.SourceId, r.AccountId, null, r.Count, r.AccountTotal, r.First, r.Last, null);
        }
    }

    static void AddPath(DuckDB.NET.Data.DuckDBAppender a, int id, string kind, IReadOnlyList<PathHop> hops)
    {
        for (var i = 0; i < hops.Count; i++)
        {
            var row = a.CreateRow();
            row.AppendValue(id);
            row.AppendValue(kind);
            row.AppendValue(i + 1);
            row.AppendValue(hops[i].SourceId);
            row.AppendValue(hops[i].TargetId);
            row.AppendValue(Time(hops[i].Time));
            row.AppendValue(hops[i].AccountIds.ToList());
            row.EndRow();
        }
    }

    static void Finding(DuckDB.NET.Data.DuckDBAppender a, string kind, string? source, string? account, string? target,
        long? count, long? total, long first, long last, int? pathId)
    {
        var row = a.CreateRow();
        row.AppendValue(kind);
        row.AppendValue(source);
        row.AppendValue(account);
        row.AppendValue(target);
        row.AppendValue(count);
        row.AppendValue(total);
        row.AppendValue(Time(first));
        row.AppendValue(Time(last));
        row.AppendValue(pathId);
        row.EndRow();
    }

    static int Count(IReadOnlyList<SessionActivity> list, SessionActivityKind kind) => list.Count(a => a.Kind == kind);

    static string ActivityJson(IReadOnlyList<SessionActivity> activity)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartArray();
            foreach (var a in activity)
            {
                j.WriteStartObject();
                j.WriteString("time", FileTimeText.Format(a.Time));
                j.WriteString("kind", a.Kind.ToString().ToLowerInvariant());
                j.WriteNumber("event_id", a.EventId);
                if (a.Address != null) j.WriteString("address", a.Address);
                if (a.Detail != null) j.WriteString("detail", a.Detail);
                j.WriteEndObject();
            }
            j.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
