using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Hunting.Details;
using Harrier.Testing;

namespace Harrier.Hunting.Tests.Details;

public class DetailsRendererTests
{
    static EventFields Event(string provider, int eventId, params (string Name, string Value)[] fields)
    {
        var e = new EventFields { EventId = eventId };
        e.Add("EventID", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        e.Add("Provider_Name", provider);
        e.Add("Channel", "Security");
        foreach (var (n, v) in fields) e.Add(n, v);
        return e;
    }

    const string Sec = "Microsoft-Windows-Security-Auditing";

    [Fact]
    public void Failed_logon_turns_codes_into_words()
    {
        var e = Event(Sec, 4625, ("TargetUserName", "admin"), ("TargetDomainName", "CORP"), ("LogonType", "3"),
            ("IpAddress", "203.0.113.9"), ("WorkstationName", "-"), ("FailureReason", "%%2313"),
            ("Status", "0xc000006d"), ("SubStatus", "0xC000006A"));
        Assert.Equal(
            "User: CORP\\admin | Type: Network (3) | SrcIP: 203.0.113.9 | Reason: unknown user name or bad password"
            + " | Status: bad user name or password (0xc000006d) | SubStatus: wrong password (0xC000006A)",
            DetailsRenderer.Default.Render(e));
    }

    [Theory]
    [InlineData("0xC0000064", "unknown user (0xC0000064)")]
    [InlineData("0xc0000234", "account locked out (0xc0000234)")]
    [InlineData("0xC0DEC0DE", "0xC0DEC0DE")]
    public void NtStatus_words(string code, string expected)
    {
        var e = Event(Sec, 4776, ("TargetUserName", "bob"), ("Workstation", "WS1"), ("Status", code));
        Assert.Equal($"User: bob | SrcHost: WS1 | Status: {expected}", DetailsRenderer.Default.Render(e));
    }

    [Fact]
    public void Rdp_logon_type_and_empty_domain()
    {
        var e = Event(Sec, 4624, ("TargetUserName", "alice"), ("TargetDomainName", "-"), ("LogonType", "10"),
            ("IpAddress", "198.51.100.7"));
        Assert.Equal("User: alice | Type: RemoteInteractive (10) | SrcIP: 198.51.100.7", DetailsRenderer.Default.Render(e));
    }

    [Fact]
    public void Kerberos_service_ticket_shows_rc4()
    {
        var e = Event(Sec, 4769, ("TargetUserName", "Alice@LAB"), ("ServiceName", "sql101"), ("IpAddress", "::ffff:10.1.1.1"),
            ("Status", "0x0"), ("TicketEncryptionType", "0x17"));
        Assert.Equal("User: Alice@LAB | Svc: sql101 | SrcIP: ::ffff:10.1.1.1 | Status: success (0x0) | Enc: RC4 (0x17)",
            DetailsRenderer.Default.Render(e));
    }

    [Fact]
    public void Control_characters_are_escaped_onto_one_line()
    {
        var e = Event(Sec, 4688, ("SubjectUserName", "x"), ("CommandLine", "a\r\nb\tc\u0001d"));
        var d = DetailsRenderer.Default.Render(e);
        Assert.Equal("By: x | Cmd: a\\r\\nb\\tc\\x01d", d);
        Assert.DoesNotContain(d, c => char.IsControl(c));
    }

    [Fact]
    public void Unknown_event_falls_back_to_its_own_fields()
    {
        var e = Event("Some-Provider", 77, ("Alpha", "1"), ("Beta", "-"), ("Gamma", "three"));
        Assert.Equal("Alpha: 1 | Gamma: three", DetailsRenderer.Default.Render(e));
    }

    [Fact]
    public void Templates_parse_and_reject_unknown_tables()
    {
        Assert.Equal(DetailsCatalog.Entries.Count, DetailsCatalog.Entries.Select(e => (e.Provider, e.EventId)).Distinct().Count());
        Assert.Throws<FormatException>(() => DetailsTemplate.Parse("X: %Field:nosuchtable%"));
        Assert.Throws<FormatException>(() => DetailsTemplate.Parse("X: %Field"));
    }

    [Fact]
    public void Dcsync_rights_and_audit_changes_are_named()
    {
        var e = Event(Sec, 4662, ("SubjectUserName", "Administrator"), ("AccessMask", "0x100"),
            ("Properties", "%%7688\r\n\t\t{1131f6ad-9c07-11d1-f79f-00c04fc2dcd2}\r\n"));
        Assert.Contains("Rights: control access\\r\\n\\t\\tDS-Replication-Get-Changes-All", DetailsRenderer.Default.Render(e));
        var a = Event(Sec, 4719, ("SubjectUserName", "eve"), ("AuditPolicyChanges", "%%8449, %%8451"));
        Assert.Contains("Changes: success added, failure added", DetailsRenderer.Default.Render(a));
    }

    [Fact]
    public void Real_sample_password_guessing_details()
    {
        var path = SharedData.Path("reference", "deepbluecli", "smb-password-guessing-security.evtx.jsonl.gz");
        using var reader = EvtxJsonReader.Open(path);
        var e = new EventFields();
        var seen = new HashSet<string>();
        while (reader.Read(e)) seen.Add(DetailsRenderer.Default.Render(e));
        // The sample's records: 3558 wrong passwords for Administrator, 2 disabled-account failures, 1 unknown user.
        Assert.Contains(seen, d => d.Contains("User: .\\Administrator | Type: Network (3) | SrcIP: 192.168.198.149", StringComparison.Ordinal)
            && d.Contains("SubStatus: wrong password (0xc000006a)", StringComparison.Ordinal));
        Assert.Contains(seen, d => d.Contains("SubStatus: unknown user (0xc0000064)", StringComparison.Ordinal));
        Assert.Contains(seen, d => d.Contains("SubStatus: account disabled (0xc0000072)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("%%2304", "error during logon")]
    [InlineData("a %%2307, %%2309 b", "a account locked out, password expired b")]
    [InlineData("%%9999 and 100%", "%%9999 and 100%")]
    [InlineData("no codes\there", "no codes\\there")]
    [InlineData("%%2304\tx", "error during logon\\tx")]
    public void Token_tables_replace_codes_inside_values(string value, string expected)
    {
        var w = new DetailsWriter();
        CodeTables.Messages.Append(value, w);
        Assert.Equal(expected, w.ToString());
    }

    [Fact]
    public void Token_tables_match_codes_ignoring_case()
    {
        var w = new DetailsWriter();
        CodeTables.DirectoryRights.Append("{1131F6AA-9C07-11D1-F79F-00C04FC2DCD2} and {ffffffff-0000-0000-0000-000000000000}", w);
        Assert.Equal("DS-Replication-Get-Changes and {ffffffff-0000-0000-0000-000000000000}", w.ToString());
    }
}
