using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Output.CaseDb;
using Harrier.Output.Report;

namespace Harrier.Output.Tests.Report;

/// <summary>A case file and its report from real samples plus one hostile event (an account named as HTML).</summary>
public sealed class ReportCase : IDisposable
{
    public const string Payload = "<img src=x onerror=alert(1)>";
    public const string PayloadHost = "WS-<script>alert(2)</script>";

    public string Dir { get; } = Directory.CreateTempSubdirectory("harrier-report-").FullName;
    public string CasePath => Path.Combine(Dir, "case.duckdb");
    public string HtmlPath => Path.Combine(Dir, "report.html");
    public int Sessions { get; }
    public int Alerts { get; }

    public ReportCase()
    {
        var alerts = new List<Alert>();
        using (var w = CaseDbWriter.Create(CasePath))
        {
            var hostile = Hostile();
            var (result, files) = Samples.Read((file, e) =>
            {
                w.AddEvent(file, e);
                if (e.EventId == 4769)
                    alerts.Add(Samples.Alert(e, file, "Kerberoasting RC4 ticket", AlertLevel.High, "attack.credential-access", "attack.t1558.003"));
                if (e.EventId == 4624 && e.GetString("TargetUserName") == "Administrator")
                    alerts.Add(Samples.Alert(e, file, "Admin network logon", AlertLevel.Medium, "attack.lateral-movement"));
            }, [Samples.Atsvc, Samples.Gateway, Samples.Kerberoast], hostile);
            alerts.Add(Samples.Alert(hostile[0], "hostile.jsonl", "Rule " + Payload, AlertLevel.Critical, "attack.initial-access"));
            files.Add(new Harrier.Hunting.Scanning.FileReconciliation("broken.evtx", Harrier.Hunting.Scanning.InputFormat.Evtx, 4096, 10, 7, 3, 0, 0, 0, null,
                [new Harrier.Hunting.Scanning.RecordProblem("chunk 0, offset 0x1200", "bad BinXml token 0x7f " + Payload)]));
            w.WriteFiles(files);
            w.WriteAlerts(alerts);
            w.WriteInvestigation(result);
            w.Meta("command", "test");
            Sessions = result.Sessions.Count;
        }
        Alerts = alerts.Count;
        HtmlReport.WriteFromCase(CasePath, HtmlPath);
    }

    /// <summary>An RDP logon from an external address by an account whose name is HTML, on a host whose name is a script tag.</summary>
    static List<EventFields> Hostile()
    {
        var e = new EventFields { RecordId = 7, EventId = 4624, TimeCreated = new DateTime(2024, 11, 4, 14, 0, 0, DateTimeKind.Utc).ToFileTimeUtc() };
        e.Add(FieldNames.EventId, "4624");
        e.Add(FieldNames.Channel, "Security");
        e.Add(FieldNames.Provider, "Microsoft-Windows-Security-Auditing");
        e.Add(FieldNames.Computer, PayloadHost);
        e.Add("TargetUserName", Payload);
        e.Add("TargetDomainName", "EVIL");
        e.Add("TargetLogonId", "0xbad");
        e.Add("LogonType", "10");
        e.Add("IpAddress", "203.0.113.66");
        return [e.Clone()];
    }

    public void Dispose() => Directory.Delete(Dir, true);
}
