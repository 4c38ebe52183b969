using System.Globalization;
using System.Text.Json;
using Harrier.Exposure.Findings;
using Harrier.Exposure.Tests.Lab;
using Harrier.Hunting.Alerts;

namespace Harrier.Exposure.Tests.Ad;

/// <summary>
/// The findings file the real <c>harrier audit ad --json</c> wrote against the Samba DC (<see cref="SambaLab.Ldaps"/>)
/// given to <c>harrier hunt --exposure</c> and to <see cref="ExposureLinker"/>: the real format round-trips into
/// alert links. The events are what TEST.LOCAL's DC (dc1.test.local) logs when someone roasts and guesses the
/// lab's planted accounts, in the evtx_dump JSON layout hunt reads (Samba writes no Windows event log).
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class AdFindingsHuntLabTests(SambaLab lab)
{
    static readonly DateTime Start = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    static string Security(int eventId, int second, ulong record, params (string Name, string Value)[] data) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["Event"] = new Dictionary<string, object>
        {
            ["System"] = new Dictionary<string, object>
            {
                ["Provider"] = new Dictionary<string, object> { ["#attributes"] = new Dictionary<string, string> { ["Name"] = "Microsoft-Windows-Security-Auditing" } },
                ["EventID"] = eventId,
                ["EventRecordID"] = record,
                ["Channel"] = "Security",
                ["Computer"] = "dc1.test.local",
                ["TimeCreated"] = new Dictionary<string, object>
                {
                    ["#attributes"] = new Dictionary<string, string> { ["SystemTime"] = Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) },
                },
            },
            ["EventData"] = data.ToDictionary(d => d.Name, d => d.Value),
        },
    });

    /// <summary>An RC4 ticket for svc_sql, TGTs without pre-authentication for asrep_user and for the clean plainuser, and 12 wrong passwords for notreqd.</summary>
    static IEnumerable<string> DcEvents()
    {
        yield return Security(4769, 0, 1, ("TargetUserName", "plainuser@TEST.LOCAL"), ("TargetDomainName", "TEST.LOCAL"), ("ServiceName", "svc_sql"),
            ("TicketEncryptionType", "0x17"), ("Status", "0x0"), ("IpAddress", "::ffff:10.9.8.7"));
        yield return Security(4768, 10, 2, ("TargetUserName", "asrep_user"), ("TargetDomainName", "TEST.LOCAL"), ("ServiceName", "krbtgt"),
            ("PreAuthType", "0"), ("Status", "0x0"), ("TicketEncryptionType", "0x17"), ("IpAddress", "::ffff:10.9.8.7"));
        yield return Security(4768, 20, 3, ("TargetUserName", "plainuser"), ("TargetDomainName", "TEST.LOCAL"), ("ServiceName", "krbtgt"),
            ("PreAuthType", "0"), ("Status", "0x0"), ("TicketEncryptionType", "0x17"), ("IpAddress", "::ffff:10.9.8.7"));
        for (var i = 0; i < 12; i++)
            yield return Security(4625, 60 + i * 5, (ulong)(10 + i), ("TargetUserName", "notreqd"), ("TargetDomainName", "TEST"), ("LogonType", "3"),
                ("Status", "0xc000006d"), ("SubStatus", "0xc000006a"), ("IpAddress", "10.9.8.7"), ("WorkstationName", "KALI"));
    }

    [Fact]
    public async Task Hunt_with_the_real_audit_file_links_and_raises_the_alerts_on_the_planted_accounts()
    {
        var audit = await lab.Ldaps;
        var doc = audit.Load();
        var events = Path.Combine(lab.OutDir, "dc1-events.jsonl");
        File.WriteAllLines(events, DcEvents());
        var jsonl = Path.Combine(lab.OutDir, "hunt-exposure.jsonl");
        var r = await lab.HarrierAsync(["hunt", events, "--exposure", audit.JsonPath, "--jsonl", jsonl, "--threads", "1"], null, jsonl);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("alerts involve an account or host named in", r.Stdout);
        var alerts = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("rule", out _)).ToList();

        JsonElement One(string title, string user) => Assert.Single(alerts, a => a.GetProperty("rule").GetProperty("title").GetString() == title
            && a.GetProperty("fields").GetProperty("TargetUserName").GetString() == user);
        string[] Keys(JsonElement a) => a.TryGetProperty("exposure", out var x) ? [.. x.EnumerateArray().Select(n => n.GetProperty("finding_key").GetString()!)] : [];
        // The level each alert must reach: one above its rule's when a linked finding of the audit is medium or worse.
        string Expected(JsonElement a, params string[] ids)
        {
            var rule = a.GetProperty("rule").GetProperty("level").GetString()!;
            var linked = doc.Findings.Where(f => Keys(a).Contains(ExposureLinker.KeyOf(f))).ToList();
            Assert.All(ids, id => Assert.Contains(linked, f => f.Id == id));
            return linked.Any(f => f.Severity >= Severity.Medium) && AlertLevels.TryParse(rule, out var l)
                ? (l == AlertLevel.Critical ? l : l + 1).ToSigma() : rule;
        }

        var roast = One("Kerberoasting - RC4 service ticket requested", "plainuser@TEST.LOCAL");
        Assert.Equal(["AD-KERBEROAST/svc_sql@test.local"], Keys(roast));
        Assert.Equal(Expected(roast, FindingIds.Kerberoastable), roast.GetProperty("level").GetString());
        Assert.NotEqual(roast.GetProperty("rule").GetProperty("level").GetString(), roast.GetProperty("level").GetString());

        var asrep = One("AS-REP roasting - TGT without pre-authentication", "asrep_user");
        Assert.Contains("AD-ASREP-ROAST/asrep_user@test.local", Keys(asrep));
        Assert.Equal(Expected(asrep, FindingIds.AsRepRoastable), asrep.GetProperty("level").GetString());

        var guessing = One("Password guessing against one account", "notreqd");
        Assert.Contains("AD-PWD-NOT-REQUIRED/notreqd@test.local", Keys(guessing));
        Assert.Equal(Expected(guessing, FindingIds.PasswordNotRequired), guessing.GetProperty("level").GetString());

        // plainuser is planted clean: its alert carries no note and keeps its rule's level.
        var clean = One("AS-REP roasting - TGT without pre-authentication", "plainuser");
        Assert.Empty(Keys(clean));
        Assert.Equal(clean.GetProperty("rule").GetProperty("level").GetString(), clean.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Every_account_finding_of_the_real_audit_links_by_name_upn_netbios_name_and_sid()
    {
        var audit = await lab.Ldaps;
        var findings = ExposureFindings.Load(audit.JsonPath).Findings;
        var linker = new ExposureLinker(findings);
        Assert.Equal(findings.Count, linker.Findings.Count);   // keys are unique within one audit

        static Alert On(params AlertField[] fields) => new()
        {
            TimeCreated = 1, Computer = "dc1.test.local", Channel = "Security", Provider = "Microsoft-Windows-Security-Auditing",
            EventId = 4624, RecordId = 1, File = "x", Details = "",
            Rule = new AlertRule("r", "r", AlertLevel.Low, "test", [], RuleOrigin.User, "r.yml"),
            Level = AlertLevel.Low, Fields = fields,
        };
        var accounts = findings.Where(f => f.Subject.Kind is SubjectKind.Account or SubjectKind.Computer).ToList();
        Assert.Contains(accounts, f => f.Id == FindingIds.Kerberoastable);
        foreach (var f in accounts)
        {
            var s = f.Subject;
            var key = ExposureLinker.KeyOf(f);
            Assert.Contains(linker.Find(On(new("TargetUserName", s.SamAccountName!), new("TargetDomainName", s.NetbiosDomain!))), n => n.FindingKey == key);
            Assert.Contains(linker.Find(On(new AlertField("SubjectUserName", $@"{s.NetbiosDomain}\{s.SamAccountName}"))), n => n.FindingKey == key);
            Assert.Contains(linker.Find(On(new AlertField("TargetUserSid", s.Sid!))), n => n.FindingKey == key);
            if (s.UserPrincipalName is { } upn) Assert.Contains(linker.Find(On(new AlertField("TargetUserName", upn))), n => n.FindingKey == key);
            Assert.DoesNotContain(linker.Find(On(new("TargetUserName", s.SamAccountName!), new("TargetDomainName", "OTHERDOM"))), n => n.FindingKey == key);
        }
        Assert.Empty(linker.Find(On(new("TargetUserName", "plainuser"), new("TargetDomainName", "TEST"))));
    }
}
