using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Tests.Sessions;

public class SessionStitcherTests
{
    readonly Events _ev = new();

    [Fact]
    public void Logon_elevation_and_logoff_make_one_closed_session()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "SRV1.corp.local", 0, "0x1a2b", "alice", 3, ip: "10.0.0.5", workstation: "WS7", package: "NTLM"));
        s.Add(_ev.Make(Events.Security, 4672, "SRV1.corp.local", 0, ("SubjectLogonId", "0x1A2B"), ("SubjectUserName", "alice")));
        s.Add(_ev.Make(Events.Security, 4634, "SRV1.corp.local", 60, ("TargetLogonId", "0x1a2b"), ("LogonType", "3")));
        var r = s.Finish();
        var session = Assert.Single(r.Sessions);
        Assert.Equal("SRV1.corp.local", session.Computer);
        Assert.Equal(0x1a2bUL, session.LogonId);
        Assert.Equal("0x1a2b", session.LogonIdText);
        Assert.Equal(@"CORP\alice", session.Account);
        Assert.Equal(3, session.LogonType);
        Assert.Equal("10.0.0.5", session.SourceAddress);
        Assert.Equal("WS7", session.SourceWorkstation);
        Assert.Equal("NTLM", session.AuthPackage);
        Assert.Equal("User32", session.LogonProcess);
        Assert.True(session.Elevated);
        Assert.Equal(Events.At(0), session.Start);
        Assert.Equal(Events.At(60), session.End);
        Assert.Equal(LogonEndReason.Logoff, session.EndReason);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public void Session_without_logoff_is_still_open_and_unelevated()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "WS1", 0, "0x10", "bob", 2));
        s.Add(_ev.Make(Events.Security, 4634, "WS1", 5, ("TargetLogonId", "0x99")));
        var r = s.Finish();
        var session = Assert.Single(r.Sessions);
        Assert.True(session.IsOpen);
        Assert.Equal(0, session.End);
        Assert.False(session.Elevated);
        Assert.Null(session.SourceAddress);
        Assert.Null(session.SourceWorkstation);
        Assert.Equal(1, r.Scope.UnmatchedEnds);
    }

    [Fact]
    public void Same_logon_id_on_another_computer_is_another_session()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "A", 0, "0x10", "bob", 2));
        s.Add(Events.Logon(_ev, "B", 1, "0x10", "carol", 2));
        s.Add(_ev.Make(Events.Security, 4647, "B", 9, ("TargetLogonId", "0x10")));
        var r = s.Finish();
        Assert.Equal(2, r.Sessions.Count);
        Assert.True(r.Sessions.Single(x => x.Computer == "A").IsOpen);
        Assert.Equal(LogonEndReason.UserLogoff, r.Sessions.Single(x => x.Computer == "B").EndReason);
    }

    [Fact]
    public void Reused_logon_id_supersedes_the_open_session()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "A", 0, "0x3e7", "SYSTEM", 0, domain: "NT AUTHORITY"));
        s.Add(Events.Logon(_ev, "A", 100, "0x3e7", "SYSTEM", 0, domain: "NT AUTHORITY"));
        var r = s.Finish();
        Assert.Equal(2, r.Sessions.Count);
        Assert.Equal(LogonEndReason.Superseded, r.Sessions[0].EndReason);
        Assert.Equal(Events.At(100), r.Sessions[0].End);
        Assert.True(r.Sessions[1].IsOpen);
    }

    [Fact]
    public void Elevation_logged_before_its_logon_still_counts_but_not_a_stale_one()
    {
        var s = new SessionStitcher();
        s.Add(_ev.Make(Events.Security, 4672, "A", 10, ("SubjectLogonId", "0x20")));
        s.Add(Events.Logon(_ev, "A", 10, "0x20", "admin", 10));
        s.Add(_ev.Make(Events.Security, 4672, "A", 20, ("SubjectLogonId", "0x21")));
        s.Add(Events.Logon(_ev, "A", 200, "0x21", "user", 10));
        var r = s.Finish();
        Assert.True(r.Sessions.Single(x => x.LogonId == 0x20).Elevated);
        Assert.False(r.Sessions.Single(x => x.LogonId == 0x21).Elevated);
    }

    [Fact]
    public void Failures_are_grouped_per_source_account_and_target_with_first_and_last()
    {
        var s = new SessionStitcher();
        for (var i = 0; i < 5; i++)
            s.Add(_ev.Make(Events.Security, 4625, "DC1", 10 + i, ("TargetUserName", "admin"), ("TargetDomainName", "CORP"),
                ("IpAddress", "203.0.113.9"), ("Status", "0xc000006d"), ("SubStatus", i == 4 ? "0xc0000234" : "0xc000006a"), ("LogonType", "3")));
        s.Add(_ev.Make(Events.Security, 4625, "DC1", 30, ("TargetUserName", "guest"), ("TargetDomainName", "CORP"),
            ("IpAddress", "-"), ("WorkstationName", "KALI"), ("Status", "0xc000006d"), ("SubStatus", "0xc0000064"), ("LogonType", "3")));
        s.Add(_ev.Make(Events.Security, 4771, "DC1", 40, ("TargetUserName", "admin"), ("IpAddress", "::ffff:203.0.113.9"), ("Status", "0x18")));
        s.Add(_ev.Make(Events.Security, 4776, "DC1", 50, ("TargetUserName", "admin"), ("Workstation", "KALI"), ("Status", "0x0")));
        var r = s.Finish();
        Assert.Equal(3, r.Failures.Count);
        var brute = r.Failures[0];
        Assert.Equal(("203.0.113.9", @"CORP\admin", "DC1"), (brute.Source, brute.Account, brute.Target));
        Assert.Equal(5, brute.Count);
        Assert.Equal(Events.At(10), brute.First);
        Assert.Equal(Events.At(14), brute.Last);
        Assert.Equal(["0xc000006a", "0xc0000234"], brute.Reasons);
        Assert.Equal([4625], brute.EventIds);
        Assert.Equal(("KALI", @"CORP\guest"), (r.Failures[1].Source, r.Failures[1].Account));
        var kerberos = r.Failures[2];
        Assert.Equal(("203.0.113.9", "admin", 1L), (kerberos.Source, kerberos.Account, kerberos.Count));
        Assert.Equal([4771], kerberos.EventIds);
        Assert.Empty(r.Sessions);
    }

    [Fact]
    public void Events_outside_the_known_channels_are_ignored()
    {
        var s = new SessionStitcher();
        s.Add(_ev.Make("Microsoft-Windows-Sysmon/Operational", 21, "A", 0, ("SessionID", "3"), ("User", @"CORP\x")));
        s.Add(_ev.Make("System", 4624, "A", 0, ("TargetLogonId", "0x5")));
        var r = s.Finish();
        Assert.Empty(r.Sessions);
        Assert.Empty(r.RdpSessions);
        Assert.Equal(2, r.Scope.Events);
        Assert.Empty(r.Scope.EventsUsed);
        Assert.Equal(["A"], r.Scope.Hosts);
    }
}
