using Harrier.Exposure.Findings;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Testing;

namespace Harrier.Hunting.Tests.Alerts;

/// <summary>
/// <see cref="ExposureLinker"/>: which alert fields link to which findings, and how far an alert is raised.
/// The corpus test hunts real samples (Kerberoasting of sql101 and AS-REP roasting of Alice on
/// DC-Server-1.labcorp.local) with findings written the way <c>harrier audit ad</c> names those accounts.
/// </summary>
public sealed class ExposureLinkerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-exposure-link").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static ExposureFinding Account(string id, string name, Severity severity, string? dns = "labcorp.local", string? netbios = "LABCORP", string? sid = null) => new()
    {
        Id = id, Title = id + " title", Severity = severity, Fix = "fix", Evidence = [],
        Subject = new ExposureSubject { Kind = SubjectKind.Account, Name = name, SamAccountName = name, Domain = dns, NetbiosDomain = netbios, Sid = sid },
    };

    static ExposureFinding Endpoint(string id, string host, string address, Severity severity, params string[] aliases) => new()
    {
        Id = id, Title = id + " title", Severity = severity, Fix = "fix", Evidence = [],
        Subject = new ExposureSubject { Kind = SubjectKind.Endpoint, Name = host + ":3389", Host = host, Address = address, Port = 3389, HostAliases = aliases },
    };

    static Alert Make(AlertLevel level = AlertLevel.Medium, string computer = "WS7", string provider = "Microsoft-Windows-Security-Auditing", params AlertField[] fields) =>
        AlertTestData.Make(rule: AlertTestData.Rule with { Level = level }, computer: computer, fields: fields) with { Provider = provider };

    [Fact]
    public void Corpus_kerberoasting_and_asrep_alerts_link_to_the_roastable_accounts_and_are_raised()
    {
        var linker = new ExposureLinker(
        [
            Account(FindingIds.Kerberoastable, "sql101", Severity.High),
            Account(FindingIds.AsRepRoastable, "Alice", Severity.High),
            Account(FindingIds.Kerberoastable, "sql101", Severity.High, "other.example", "OTHER"),   // same name, other domain
            Account(FindingIds.Kerberoastable, "svc_backup", Severity.High),                        // in no event
        ]);
        using var result = HuntScanner.Run(new HuntOptions
        {
            Inputs =
            [
                SharedData.Corpus("yamato", "CredentialAccess", "T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx"),
                SharedData.Corpus("yamato", "CredentialAccess", "T1558.004_StealOrForgeKerberosTicketsAS-REP-Roasting_Security.evtx"),
            ],
            Threads = 1,
            TempDirectory = _dir,
        });
        var alerts = new List<Alert>();
        var summary = result.Emit(alerts.Add, linker.Annotate);

        // 4769 record 38681: Alice@LABCORP.LOCAL asks for an RC4 ticket for sql101.
        var roast = Assert.Single(alerts, a => a.Rule.Title == "Kerberoasting - RC4 service ticket requested");
        Assert.Equal(AlertLevel.Medium, roast.Rule.Level);
        Assert.Equal(AlertLevel.High, roast.Level);
        Assert.Equal(["AD-ASREP-ROAST/Alice@labcorp.local", "AD-KERBEROAST/sql101@labcorp.local"], roast.Exposure.Select(n => n.FindingKey));
        var sql = roast.Exposure[1];
        Assert.Equal(("ServiceName", "sql101", AlertLevel.High), (sql.Field, sql.Subject, sql.Severity));
        // 4768 for Alice without pre-authentication; its ServiceName krbtgt links to nothing.
        var asrep = Assert.Single(alerts, a => a.Rule.Title == "AS-REP roasting - TGT without pre-authentication");
        Assert.Equal(AlertLevel.Critical, asrep.Level);
        var note = Assert.Single(asrep.Exposure);
        Assert.Equal((FindingIds.AsRepRoastable, "TargetUserName", "Alice"), (note.FindingId, note.Field, note.Subject));
        // No alert names svc_backup or the OTHER domain's sql101; alerts without notes keep their rule's level.
        Assert.DoesNotContain(alerts, a => a.Exposure.Any(n => n.FindingKey.Contains("svc_backup") || n.FindingKey.Contains("other.example")));
        Assert.All(alerts.Where(a => a.Exposure.Count == 0), a => Assert.Equal(a.Rule.Level, a.Level));
        Assert.Equal(alerts.Count(a => a.Exposure.Count > 0), summary.Alerts.WithExposure);
        Assert.Equal(alerts.Count(a => a.Level > a.Rule.Level), summary.Alerts.Raised);
        Assert.True(summary.Alerts.WithExposure >= 3, "kerberoasting, AS-REP and Alice's pass-the-hash logon");
    }

    [Fact]
    public void Raises_one_level_for_medium_or_worse_caps_at_critical_and_only_notes_low_findings()
    {
        var linker = new ExposureLinker(
        [
            Account(FindingIds.PasswordNotRequired, "bob", Severity.Medium),
            Account(FindingIds.StaleAdminCount, "carol", Severity.Low),
            Account(FindingIds.PrivilegedMember, "dave", Severity.Info),
        ]);
        Assert.Equal(AlertLevel.High, linker.Annotate(Make(AlertLevel.Medium, fields: new AlertField("TargetUserName", "bob"))).Level);
        Assert.Equal(AlertLevel.Critical, linker.Annotate(Make(AlertLevel.Critical, fields: new AlertField("TargetUserName", "bob"))).Level);
        Assert.Equal(AlertLevel.Low, linker.Annotate(Make(AlertLevel.Informational, fields: new AlertField("TargetUserName", "BOB"))).Level);
        var low = linker.Annotate(Make(AlertLevel.Medium, fields: [new("TargetUserName", "carol"), new("SubjectUserName", "dave")]));
        Assert.Equal(AlertLevel.Medium, low.Level);
        Assert.Equal([AlertLevel.Low, AlertLevel.Informational], low.Exposure.Select(n => n.Severity));
        var none = Make(fields: new AlertField("TargetUserName", "erin"));
        Assert.Same(none, linker.Annotate(none));
    }

    [Fact]
    public void Accounts_match_by_name_upn_domain_slash_name_and_sid_with_the_domain_checked()
    {
        const string Sid = "S-1-5-21-1-2-3-1104";
        var linker = new ExposureLinker([Account(FindingIds.Kerberoastable, "svc_sql", Severity.High, sid: Sid)]);
        int Links(params AlertField[] f) => linker.Find(Make(fields: f)).Count;
        Assert.Equal(1, Links(new AlertField("TargetUserName", "SVC_SQL"), new AlertField("TargetDomainName", "LABCORP")));
        Assert.Equal(1, Links(new AlertField("TargetUserName", "svc_sql@LABCORP.LOCAL")));
        Assert.Equal(1, Links(new AlertField("User", @"labcorp\svc_sql")));
        Assert.Equal(1, Links(new AlertField("ServiceName", "svc_sql")));
        Assert.Equal(1, Links(new AlertField("TargetUserSid", Sid)));
        Assert.Equal(0, Links(new AlertField("TargetUserName", "svc_sql"), new AlertField("TargetDomainName", "OTHER")));
        Assert.Equal(0, Links(new AlertField("TargetUserName", "svc_sql"), new AlertField("TargetDomainName", "."))); // a local account
        Assert.Equal(0, Links(new AlertField("TargetUserName", "-"), new AlertField("SubjectUserName", "svc_sq")));
        // Found through two fields: one note, naming the first field tried.
        var both = linker.Find(Make(fields: [new("SubjectUserName", "svc_sql"), new("TargetUserName", "svc_sql")]));
        Assert.Equal("TargetUserName", Assert.Single(both).Field);
    }

    [Fact]
    public void Built_in_names_and_krbtgt_need_more_than_a_bare_name()
    {
        var linker = new ExposureLinker(
        [
            Account(FindingIds.PrivilegedNotProtected, "Administrator", Severity.Low),
            Account(FindingIds.KrbtgtPasswordAge, "krbtgt", Severity.High),
        ]);
        // RemoteConnectionManager 1149 with an empty domain (Param2): a local Administrator as likely as the domain's.
        Assert.Empty(linker.Find(Make(provider: "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
            fields: [new("Param1", "administrator"), new("Param2", "")])));
        Assert.Single(linker.Find(Make(provider: "Microsoft-Windows-TerminalServices-RemoteConnectionManager",
            fields: [new("Param1", "administrator"), new("Param2", "LABCORP")])));
        Assert.Single(linker.Find(Make(fields: new AlertField("SubjectUserName", @"LABCORP\Administrator"))));
        // Param1 is an account only for RemoteConnectionManager events.
        Assert.Empty(linker.Find(Make(fields: [new("Param1", "administrator"), new("Param2", "LABCORP")])));
        // Every 4768 names krbtgt as its ServiceName; that is not the krbtgt account being attacked.
        Assert.Empty(linker.Find(Make(fields: new AlertField("ServiceName", "krbtgt"))));
        Assert.Single(linker.Find(Make(fields: [new("TargetUserName", "krbtgt"), new("TargetDomainName", "labcorp.local")])));
    }

    [Fact]
    public void Hosts_match_the_computer_and_source_fields_but_not_loopback()
    {
        var linker = new ExposureLinker(
        [
            Endpoint(FindingIds.NlaNotEnforced, "rds01.corp.example", "10.0.0.5", Severity.High, "RDS01"),
            Endpoint(FindingIds.NlaNotEnforced, "127.0.0.1", "127.0.0.1", Severity.High),
        ]);
        var onHost = Assert.Single(linker.Find(Make(computer: "RDS01.corp.example")));
        Assert.Equal(("Computer", "RDS01.corp.example"), (onHost.Field, onHost.Subject));
        Assert.Equal("RDP-NLA-NOT-ENFORCED/rds01.corp.example:3389", onHost.FindingKey);
        Assert.Single(linker.Find(Make(fields: new AlertField("IpAddress", "::ffff:10.0.0.5"))));
        Assert.Single(linker.Find(Make(fields: new AlertField("WorkstationName", "rds01"))));
        Assert.Single(linker.Find(Make(provider: "Microsoft-Windows-TerminalServices-RemoteConnectionManager", fields: new AlertField("Param3", "10.0.0.5"))));
        Assert.Empty(linker.Find(Make(fields: new AlertField("IpAddress", "10.0.0.6"))));
        // An event's loopback address is the event's own machine, never the audited 127.0.0.1.
        Assert.Empty(linker.Find(Make(fields: [new("IpAddress", "127.0.0.1"), new("ClientAddress", "::1"), new("Workstation", "-")])));
    }

    [Fact]
    public void The_same_finding_from_two_files_is_linked_once()
    {
        var f = Account(FindingIds.Kerberoastable, "svc_sql", Severity.High);
        var linker = new ExposureLinker([f, f with { Evidence = [new("servicePrincipalName", "x/y")] }]);
        Assert.Single(linker.Findings);
        Assert.Single(linker.Find(Make(fields: new AlertField("ServiceName", "svc_sql"))));
    }

    [Fact]
    public void Statistics_count_linked_and_raised_alerts_and_keep_one_top_rule_row()
    {
        var linker = new ExposureLinker([Account(FindingIds.Kerberoastable, "svc_sql", Severity.High)]);
        var b = new AlertStatisticsBuilder();
        b.Add(linker.Annotate(Make(fields: new AlertField("ServiceName", "svc_sql"))));
        b.Add(linker.Annotate(Make(fields: new AlertField("ServiceName", "other"))));
        var s = b.Build();
        Assert.Equal((1, 1), (s.WithExposure, s.Raised));
        Assert.Equal(1, s.Count(AlertLevel.High));
        var rule = Assert.Single(s.TopRules);
        Assert.Equal((AlertLevel.Medium, 2L), (rule.Level, rule.Count));
    }
}
