using Harrier.Hunting.Alerts;
using Harrier.Hunting.Rules;
using Harrier.Hunting.Scanning;
using static Harrier.Hunting.Tests.Scanning.SyntheticEvents;

namespace Harrier.Hunting.Tests.Scanning;

/// <summary>
/// The hunt pipeline on synthetic events for the rules without a corpus sample, each with a near miss that must
/// not fire (the negative case).
/// </summary>
public sealed class HuntScannerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-hunt-scan").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    List<Alert> Hunt(IEnumerable<string> lines, RuleSelection? selection = null, int threads = 1)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        using var result = HuntScanner.Run(new HuntOptions { Inputs = [path], Threads = threads, Selection = selection ?? RuleSelection.All, TempDirectory = _dir });
        var alerts = new List<Alert>();
        var summary = result.Emit(alerts.Add);
        Assert.Equal(lines.Count(), summary.Rendered);
        Assert.Equal(0, summary.Failed);
        return alerts;
    }

    static int Count(List<Alert> alerts, string title) => alerts.Count(a => a.Rule.Title == title);

    [Fact]
    public void Each_alert_names_its_fields_as_its_own_event_does_whichever_file_is_read_first()
    {
        // Two files whose events spell one field (no rule names it) differently, as providers do (ProcessId /
        // ProcessID): each alert keeps its own event's spelling, in whatever order the files are given and read.
        var upper = Path.Combine(_dir, "upper.jsonl");
        var lower = Path.Combine(_dir, "lower.jsonl");
        File.WriteAllLines(upper, [Security(4720, 1, 1, ("TargetUserName", "eve"), ("SpellingHuntTestField", "a"))]);
        File.WriteAllLines(lower, [Security(4720, 2, 2, ("TargetUserName", "bob"), ("SPELLINGHUNTTESTFIELD", "b"))]);
        (string[] Inputs, int Threads)[] runs = [([upper, lower], 1), ([lower, upper], 1), ([lower, upper], 2)];
        foreach (var (inputs, threads) in runs)
        {
            using var result = HuntScanner.Run(new HuntOptions { Inputs = inputs, Threads = threads, TempDirectory = _dir });
            var alerts = new List<Alert>();
            result.Emit(alerts.Add);
            var created = alerts.Where(a => a.Rule.Title == "User account created").ToList();
            Assert.Equal(2, created.Count);
            Assert.Contains(created[0].Fields, f => f is { Name: "SpellingHuntTestField", Value: "a" });
            Assert.Contains(created[1].Fields, f => f is { Name: "SPELLINGHUNTTESTFIELD", Value: "b" });
        }
    }

    [Fact]
    public void Lockout_storm_needs_five_accounts_in_thirty_minutes()
    {
        const string Title = "Account lockout storm";
        var storm = Enumerable.Range(0, 6).Select(i => Security(4740, i * 60, (ulong)(100 + i), ("TargetUserName", "user" + i), ("TargetDomainName", "WS" + i)));
        var alerts = Hunt(storm);
        var a = Assert.Single(alerts, x => x.Rule.Title == Title);
        Assert.Equal("value_count", a.Correlation!.Type);
        Assert.Equal("DC1.corp.example", Assert.Single(a.Correlation.GroupBy).Value);
        // Four accounts, or five spread over more than thirty minutes: no storm.
        Assert.Equal(0, Count(Hunt(storm.Take(4)), Title));
        Assert.Equal(0, Count(Hunt(Enumerable.Range(0, 5).Select(i => Security(4740, i * 600, (ulong)(200 + i), ("TargetUserName", "user" + i)))), Title));
    }

    [Fact]
    public void Kerberoasting_many_services_by_one_account()
    {
        const string Title = "Kerberoasting - many service tickets requested by one account";
        IEnumerable<string> Tickets(int services, string user) => Enumerable.Range(0, services).Select(i =>
            Security(4769, i, (ulong)(300 + i), ("TargetUserName", user), ("ServiceName", "svc_sql" + i), ("Status", "0x0"), ("TicketEncryptionType", "0x12")));
        Assert.Equal(1, Count(Hunt(Tickets(6, "eve@CORP")), Title));
        Assert.Equal(0, Count(Hunt(Tickets(4, "eve@CORP")), Title));
        // Computer-account services do not count.
        var machines = Enumerable.Range(0, 8).Select(i => Security(4769, i, (ulong)(400 + i), ("TargetUserName", "eve@CORP"), ("ServiceName", "HOST" + i + "$"), ("Status", "0x0")));
        Assert.Equal(0, Count(Hunt(machines), Title));
    }

    [Fact]
    public void Logon_after_a_burst_of_failures_from_the_same_source()
    {
        const string Title = "Logon succeeded after a burst of failures from the same source";
        var failures = Enumerable.Range(0, 6).Select(i => Security(4625, i, (ulong)(500 + i), ("TargetUserName", "admin"), ("IpAddress", "203.0.113.50"), ("LogonType", "3"), ("SubStatus", "0xc000006a")));
        var success = Security(4624, 30, 600, ("TargetUserName", "admin"), ("IpAddress", "203.0.113.50"), ("LogonType", "3"));
        var alert = Assert.Single(Hunt([.. failures, success]), a => a.Rule.Title == Title);
        Assert.Equal("temporal_ordered", alert.Correlation!.Type);
        // Success first, then failures: not the attack pattern. Success from another address: no link.
        Assert.Equal(0, Count(Hunt([Security(4624, 0, 600, ("TargetUserName", "admin"), ("IpAddress", "203.0.113.50"), ("LogonType", "3")),
            .. Enumerable.Range(1, 6).Select(i => Security(4625, i, (ulong)(500 + i), ("TargetUserName", "admin"), ("IpAddress", "203.0.113.50"), ("LogonType", "3")))]), Title));
        Assert.Equal(0, Count(Hunt([.. failures, Security(4624, 30, 600, ("TargetUserName", "admin"), ("IpAddress", "10.0.0.8"), ("LogonType", "3"))]), Title));
    }

    [Fact]
    public void Rdp_from_public_addresses()
    {
        var lines = new[]
        {
            Security(4624, 0, 1, ("TargetUserName", "alice"), ("LogonType", "10"), ("IpAddress", "198.51.100.7")),
            Security(4624, 1, 2, ("TargetUserName", "bob"), ("LogonType", "10"), ("IpAddress", "192.168.1.20")),
            Security(4624, 2, 3, ("TargetUserName", "carol"), ("LogonType", "3"), ("IpAddress", "198.51.100.7")),
            Event("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", "Microsoft-Windows-TerminalServices-LocalSessionManager", 21, 3, 4,
                new Dictionary<string, string> { ["User"] = "CORP\\alice", ["SessionID"] = "3", ["Address"] = "198.51.100.7" }, userData: true),
            Event("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational", "Microsoft-Windows-TerminalServices-LocalSessionManager", 25, 4, 5,
                new Dictionary<string, string> { ["User"] = "CORP\\bob", ["SessionID"] = "4", ["Address"] = "LOCAL" }, userData: true),
        };
        var alerts = Hunt(lines);
        var logon = Assert.Single(alerts, a => a.Rule.Title == "RDP logon from a public address");
        Assert.Equal(1ul, logon.RecordId);
        Assert.Contains("Type: RemoteInteractive (10)", logon.Details);
        var session = Assert.Single(alerts, a => a.Rule.Title == "RDP session from a public address");
        Assert.Equal(4ul, session.RecordId);
        Assert.Equal("User: CORP\\alice | Session: 3 | SrcIP: 198.51.100.7", session.Details);
    }

    [Fact]
    public void Theft_staging_rules()
    {
        var lines = new[]
        {
            Sysmon(1, 0, 1, ("Image", "C:\\Program Files\\7-Zip\\7z.exe"), ("CommandLine", "7z.exe a c:\\temp\\x.7z C:\\build\\app\\bin\\*.pdb")),
            Sysmon(1, 1, 2, ("Image", "C:\\Program Files\\7-Zip\\7z.exe"), ("CommandLine", "7z.exe a c:\\temp\\docs.7z C:\\Users\\a\\Documents\\*.docx")),
            Sysmon(1, 2, 3, ("Image", "C:\\Windows\\System32\\Robocopy.exe"), ("CommandLine", "robocopy C:\\repos\\product \\\\files01\\drop\\p /E")),
            Sysmon(1, 3, 4, ("Image", "C:\\Windows\\System32\\Robocopy.exe"), ("CommandLine", "robocopy C:\\repos\\product D:\\backup /E")),
            Sysmon(11, 4, 5, ("Image", "C:\\Windows\\explorer.exe"), ("TargetFilename", "E:\\loot\\Product.pdb")),
            Sysmon(11, 5, 6, ("Image", "C:\\Windows\\explorer.exe"), ("TargetFilename", "C:\\Users\\a\\Product.pdb")),
            Security(4719, 6, 7, ("SubjectUserName", "eve"), ("SubjectUserSid", "S-1-5-21-1-2-3-1105"), ("AuditPolicyChanges", "%%8448")),
        };
        var alerts = Hunt(lines);
        Assert.Equal([1ul], alerts.Where(a => a.Rule.Title == "Source code or debug symbols staged in an archive").Select(a => a.RecordId));
        Assert.Equal([3ul], alerts.Where(a => a.Rule.Title == "Recursive bulk copy to a network share").Select(a => a.RecordId));
        Assert.Equal([5ul], alerts.Where(a => a.Rule.Title == "Bulk copy of source or symbol files to removable media").Select(a => a.RecordId));
        var audit = Assert.Single(alerts, a => a.Rule.Title == "Audit policy changed by a user");
        Assert.Contains("Changes: success removed", audit.Details);
    }

    [Fact]
    public void Selection_and_time_filters_apply_and_threads_do_not_change_the_result()
    {
        var lines = Enumerable.Range(0, 12).Select(i => Security(4625, i, (ulong)(700 + i), ("TargetUserName", "admin"), ("IpAddress", "203.0.113." + i)))
            .Append(Security(1102, 20, 800)).ToArray();
        // 1102 is missing Provider Microsoft-Windows-Eventlog here (Security-Auditing): the rule must not fire.
        var all = Hunt(lines);
        Assert.Equal(1, Count(all, "Password guessing against one account"));
        Assert.Equal(0, Count(all, "Password spraying from one source address")); // twelve addresses, one account each
        Assert.Equal(0, Count(all, "Security log cleared"));
        var high = Hunt(lines, RuleSelection.All with { MinLevel = AlertLevel.High });
        Assert.Equal(0, Count(high, "Password guessing against one account"));
        var excluded = Hunt(lines, RuleSelection.All with { ExcludedIds = [all.First(a => a.Rule.Title == "Password guessing against one account").Rule.Id] });
        Assert.Equal(0, Count(excluded, "Password guessing against one account"));
        var tagged = Hunt(lines, RuleSelection.All with { Tags = ["attack.t1110.00*"] });
        Assert.Equal(1, Count(tagged, "Password guessing against one account"));
        Assert.Equal(all.Select(a => (a.Rule.Id, a.RecordId, a.Details)), Hunt(lines, threads: 4).Select(a => (a.Rule.Id, a.RecordId, a.Details)));
    }
}
