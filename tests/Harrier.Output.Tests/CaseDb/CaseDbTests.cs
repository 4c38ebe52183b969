using Harrier.Hunting.Alerts;
using Harrier.Output.CaseDb;

namespace Harrier.Output.Tests.CaseDb;

public sealed class CaseDbTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-casedb-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static string Cells(string?[] row) => string.Join(" | ", row.Select(c => c ?? "NULL"));

    string WriteCase(out int events)
    {
        var path = Path.Combine(_dir, "case.duckdb");
        var alerts = new List<Alert>();
        var count = 0;
        using (var w = CaseDbWriter.Create(path))
        {
            var (result, files) = Samples.Read((file, e) =>
            {
                w.AddEvent(file, e);
                count++;
                if (e.EventId == 4769)
                    alerts.Add(Samples.Alert(e, file, "Kerberoasting RC4 ticket", AlertLevel.High, "attack.credential-access", "attack.t1558.003"));
            }, Samples.Atsvc, Samples.Kerberoast);
            w.WriteFiles(files);
            w.WriteAlerts(alerts);
            w.WriteInvestigation(result);
        }
        events = count;
        return path;
    }

    [Fact]
    public void Case_file_reopens_with_every_event_and_the_sessions()
    {
        var path = WriteCase(out var events);
        using var q = CaseDbQuery.Open(path);
        Assert.Equal((long)events, Convert.ToInt64(q.Scalar("SELECT count(*) FROM events")));
        // Normalized columns and the full field set agree (record 566826: Administrator's NTLM logon from 10.0.2.17).
        var r = q.Run("SELECT event_id, computer, target_user, ip_address, logon_type, fields->>'TargetLogonId', fields->>'AuthenticationPackageName' " +
                      "FROM events WHERE record_id = 566826");
        Assert.Equal("4624 | WIN-77LTAPHIQ1R.example.corp | Administrator | 10.0.2.17 | 3 | 0x17e2aa | NTLM", Cells(Assert.Single(r.Rows)));
        var sessions = q.Run("SELECT logon_id, account, elevated, end_reason FROM sessions WHERE computer LIKE 'WIN-77%' ORDER BY logon_id");
        Assert.Equal(6, sessions.Rows.Count);
        Assert.Equal(@"0x17e2aa | EXAMPLE\Administrator | true | open", Cells(sessions.Rows[1]));
        var dc = q.Run("SELECT account, source_address, end_reason, duration_seconds FROM sessions WHERE computer LIKE 'DC-%'");
        var row = Assert.Single(dc.Rows);
        Assert.Equal(@"LABCORP\Alice | 192.168.1.200 | logoff", Cells(row[..3]));
        Assert.Equal(0.043986, double.Parse(row[3]!, System.Globalization.CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void Alerts_graph_and_files_are_queryable()
    {
        var path = WriteCase(out _);
        using var q = CaseDbQuery.Open(path);
        var alert = Assert.Single(q.Run("SELECT rule_title, level, level_rank, tactics, account, fields->>'ServiceName' FROM alerts").Rows);
        Assert.Equal("Kerberoasting RC4 ticket | high | 3 | [credential-access] | Alice@LABCORP.LOCAL | sql101", Cells(alert));
        var edge = Assert.Single(q.Run("SELECT count, elevated, protocols FROM graph_edges WHERE source = 'address:10.0.2.17' AND account = 'account:ADMINISTRATOR'").Rows);
        Assert.Equal("2 | 2 | [logon]", Cells(edge));
        Assert.Equal("2", q.Run("SELECT count(*) FROM files").Rows[0][0]);
        Assert.Equal(CaseDbSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Contains("DC-Server-1.labcorp.local", (string)q.Scalar("SELECT value FROM meta WHERE key = 'scope_hosts'")!);
    }

    [Fact]
    public void Bad_sql_reports_duckdbs_message()
    {
        var path = WriteCase(out _);
        using var q = CaseDbQuery.Open(path);
        var e = Assert.ThrowsAny<Exception>(() => q.Run("SELECT nope FROM sessions"));
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void A_new_case_replaces_the_old_file()
    {
        var path = WriteCase(out _);
        using (CaseDbWriter.Create(path)) { }
        using var q = CaseDbQuery.Open(path);
        Assert.Equal(0L, Convert.ToInt64(q.Scalar("SELECT count(*) FROM events")));
    }
}
