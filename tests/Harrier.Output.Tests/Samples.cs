using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Investigation;
using Harrier.Investigation.Sessions;
using Harrier.Testing;

namespace Harrier.Output.Tests;

/// <summary>Real corpus samples (through their evtx_dump renderings) and alerts built on their events.</summary>
static class Samples
{
    public const string Atsvc = "evtx-attack-samples/Lateral Movement/LM_ScheduledTask_ATSVC_target_host.evtx";
    public const string Gateway = "yamato/IntialAccess/ValidAccounts/ID302 RDS Gateway Logon Logoff.evtx";
    public const string Kerberoast = "yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx";

    public static string Reference(string file) => SharedData.Path("reference", file + ".jsonl.gz");

    /// <summary>Reads the files, feeding each event to the stitcher and to <paramref name="each"/>.</summary>
    public static (InvestigationResult Result, List<FileReconciliation> Files) Read(Action<string, EventFields>? each, params string[] files) =>
        Read(each, files, []);

    /// <summary>As <see cref="Read(Action{string, EventFields}?, string[])"/>, then <paramref name="extra"/> events (file "extra").</summary>
    public static (InvestigationResult Result, List<FileReconciliation> Files) Read(Action<string, EventFields>? each, string[] files, IReadOnlyList<EventFields> extra)
    {
        var stitcher = new SessionStitcher();
        var e = new EventFields();
        var reports = new List<FileReconciliation>();
        foreach (var f in files)
        {
            using var reader = EvtxJsonReader.Open(Reference(f));
            while (reader.Read(e))
            {
                stitcher.Add(e);
                each?.Invoke(f, e);
            }
            reports.Add(new FileReconciliation(f, InputFormat.Jsonl, new FileInfo(Reference(f)).Length, reader.EventsRead, reader.EventsRead, 0, 0, 0, 0, null, []));
        }
        foreach (var x in extra)
        {
            stitcher.Add(x);
            each?.Invoke("extra", x);
        }
        return (stitcher.Finish(), reports);
    }

    public static Alert Alert(EventFields e, string file, string title, AlertLevel level, params string[] tags) => new()
    {
        TimeCreated = e.TimeCreated,
        Computer = e.GetString("Computer") ?? "",
        Channel = e.GetString("Channel") ?? "",
        Provider = e.GetString("Provider_Name") ?? "",
        EventId = e.EventId,
        RecordId = e.RecordId,
        File = file,
        Rule = new AlertRule("rule-" + title.GetHashCode(StringComparison.Ordinal).ToString("x8"), title, level, "test", tags, RuleOrigin.User, "test.yml"),
        Level = level,
        Details = "TgtUser: " + e.GetString("TargetUserName"),
        Fields = Enumerable.Range(0, e.Count).Select(i => new AlertField(FieldNames.Name(e.FieldId(i)), e.Value(i).ToString())).ToList(),
    };
}
