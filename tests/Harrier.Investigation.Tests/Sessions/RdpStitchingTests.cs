using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Tests.Sessions;

public class RdpStitchingTests
{
    readonly Events _ev = new();

    /// <summary>
    /// An RDP logon as a Windows host logs it, across three logs fed file after file (TerminalServices
    /// logs first, so linking cannot rely on arrival order).
    /// </summary>
    [Fact]
    public void Rdp_host_session_links_to_its_1149_and_type_10_logon_with_reconnects()
    {
        var s = new SessionStitcher();
        const string host = "TS01.corp.local";
        s.Add(_ev.Make(Events.Rcm, 261, host, 99, ("listenerName", "RDP-Tcp")));
        s.Add(_ev.Make(Events.Rcm, 1149, host, 100, ("Param1", "alice"), ("Param2", "CORP"), ("Param3", "10.1.1.50")));
        s.Add(_ev.Make(Events.Lsm, 21, host, 103, ("User", @"CORP\alice"), ("SessionID", "2"), ("Address", "10.1.1.50")));
        s.Add(_ev.Make(Events.Lsm, 22, host, 103.5, ("User", @"CORP\alice"), ("SessionID", "2"), ("Address", "10.1.1.50")));
        s.Add(_ev.Make(Events.Lsm, 24, host, 500, ("User", @"CORP\alice"), ("SessionID", "2"), ("Address", "10.1.1.50")));
        s.Add(_ev.Make(Events.Lsm, 25, host, 900, ("User", @"CORP\alice"), ("SessionID", "2"), ("Address", "10.9.9.9")));
        s.Add(_ev.Make(Events.Lsm, 23, host, 1200, ("User", @"CORP\alice"), ("SessionID", "2")));
        // Security log of the same host.
        s.Add(Events.Logon(_ev, host, 40, "0x500", "alice", 3, ip: "10.1.1.50"));                  // NLA network logon, not the RDP one
        s.Add(Events.Logon(_ev, host, 102, "0x777", "alice", 10, ip: "10.1.1.50", workstation: "LAPTOP1"));
        s.Add(_ev.Make(Events.Security, 4779, host, 500, ("AccountName", "alice"), ("AccountDomain", "CORP"), ("LogonID", "0x777"),
            ("SessionName", "RDP-Tcp#3"), ("ClientName", "LAPTOP1"), ("ClientAddress", "10.1.1.50")));
        s.Add(_ev.Make(Events.Security, 4778, host, 900, ("AccountName", "alice"), ("AccountDomain", "CORP"), ("LogonID", "0x777"),
            ("SessionName", "RDP-Tcp#5"), ("ClientName", "EVIL"), ("ClientAddress", "10.9.9.9")));
        s.Add(_ev.Make(Events.Security, 4634, host, 1201, ("TargetLogonId", "0x777"), ("LogonType", "10")));
        var r = s.Finish();

        var rdp = Assert.Single(r.RdpSessions);
        Assert.Equal((RdpSessionKind.Host, 2, @"CORP\alice", "10.1.1.50"), (rdp.Kind, rdp.SessionId, rdp.Account, rdp.SourceAddress));
        Assert.Equal(Events.At(103), rdp.Start);
        Assert.Equal(Events.At(1200), rdp.End);
        Assert.Equal(Events.At(100), rdp.AuthenticatedAt);
        Assert.Equal([SessionActivityKind.ShellStart, SessionActivityKind.Disconnect, SessionActivityKind.Reconnect], rdp.Activity.Select(a => a.Kind));
        Assert.Equal("10.9.9.9", rdp.Activity[2].Address);

        var logon = r.Sessions.Single(x => x.LogonId == 0x777);
        Assert.Same(logon, rdp.Logon);
        Assert.Equal(2, logon.RdpSessionId);
        Assert.Equal(-1, r.Sessions.Single(x => x.LogonId == 0x500).RdpSessionId);
        Assert.Equal([(4779, "10.1.1.50", "RDP-Tcp#3"), (4778, "10.9.9.9", "RDP-Tcp#5")],
            logon.Activity.Select(a => (a.EventId, a.Address, a.Detail)));
        Assert.Equal(Events.At(1201), logon.End);
        Assert.Equal(1, r.Scope.EventsUsed[1149]);
        Assert.Equal(1, r.Scope.EventsUsed[261]);
    }

    [Fact]
    public void Rdp_session_started_before_the_log_links_through_a_reconnect()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "TS", 0, "0x42", "bob", 10, ip: "10.0.0.8"));
        s.Add(_ev.Make(Events.Security, 4778, "TS", 5000, ("AccountName", "bob"), ("AccountDomain", "CORP"), ("LogonID", "0x42"),
            ("SessionName", "RDP-Tcp#1"), ("ClientName", "X"), ("ClientAddress", "10.0.0.8")));
        // The LSM log begins later: a 21 for session 3 far from the 4624, then the reconnect matching 4778.
        s.Add(_ev.Make(Events.Lsm, 21, "TS", 4000, ("User", @"CORP\bob"), ("SessionID", "3"), ("Address", "10.0.0.8")));
        s.Add(_ev.Make(Events.Lsm, 25, "TS", 5001, ("User", @"CORP\bob"), ("SessionID", "3"), ("Address", "10.0.0.8")));
        var r = s.Finish();
        var rdp = Assert.Single(r.RdpSessions);
        Assert.True(rdp.IsOpen);
        Assert.NotNull(rdp.Logon);
        Assert.Equal(0x42UL, rdp.Logon!.LogonId);
        Assert.Equal(0, rdp.AuthenticatedAt);
    }

    [Fact]
    public void A_type_10_logon_of_another_user_is_not_linked()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "TS", 0, "0x42", "mallory", 10, ip: "10.0.0.8"));
        s.Add(_ev.Make(Events.Lsm, 21, "TS", 1, ("User", @"CORP\bob"), ("SessionID", "3"), ("Address", "10.0.0.8")));
        var r = s.Finish();
        Assert.Null(Assert.Single(r.RdpSessions).Logon);
        Assert.Equal(-1, Assert.Single(r.Sessions).RdpSessionId);
    }

    [Fact]
    public void Lsm_39_and_40_record_who_disconnected_and_why()
    {
        var s = new SessionStitcher();
        s.Add(_ev.Make(Events.Lsm, 21, "TS", 0, ("User", @"CORP\bob"), ("SessionID", "3"), ("Address", "10.0.0.8")));
        s.Add(_ev.Make(Events.Lsm, 39, "TS", 10, ("TargetSession", "3"), ("Source", "5")));
        s.Add(_ev.Make(Events.Lsm, 40, "TS", 10, ("Session", "3"), ("Reason", "0")));
        var r = s.Finish();
        var rdp = Assert.Single(r.RdpSessions);
        Assert.Equal([(39, "by session 5"), (40, "reason 0")], rdp.Activity.Select(a => (a.EventId, a.Detail)));
    }

    [Fact]
    public void Gateway_302_and_303_pair_into_a_connection()
    {
        var s = new SessionStitcher();
        (string, string)[] data = [("Username", @"GW\admin"), ("IpAddress", "219.100.37.243"), ("Resource", "srv.internal"), ("ErrorCode", "0")];
        s.Add(_ev.Make(Events.Gateway, 303, "GW", 0, data));   // ends a connection opened before the log
        s.Add(_ev.Make(Events.Gateway, 302, "GW", 10, data));
        s.Add(_ev.Make(Events.Gateway, 303, "GW", 70, data));
        s.Add(_ev.Make(Events.Gateway, 302, "GW", 80, data));
        var r = s.Finish();
        Assert.Equal(2, r.RdpSessions.Count);
        var first = r.RdpSessions[0];
        Assert.Equal((RdpSessionKind.Gateway, "srv.internal", "219.100.37.243"), (first.Kind, first.Resource, first.SourceAddress));
        Assert.Equal((Events.At(10), Events.At(70)), (first.Start, first.End));
        Assert.True(r.RdpSessions[1].IsOpen);
        Assert.Equal(1, r.Scope.UnmatchedEnds);
    }
}
