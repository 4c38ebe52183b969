using Harrier.Investigation.Graph;
using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Tests.Graph;

public class AccessGraphTests
{
    readonly Events _ev = new();

    /// <summary>External 198.51.100.7 → WEB01 (RDP) → APP02 (network logon named WEB01) → DC01 (elevated).</summary>
    SessionStitcher Intrusion(SessionStitcher s)
    {
        s.Add(Events.Logon(_ev, "WEB01.corp.local", 100, "0x11", "svc_web", 10, ip: "198.51.100.7", workstation: "ATTACKER"));
        s.Add(Events.Logon(_ev, "APP02.corp.local", 200, "0x22", "svc_web", 3, ip: "10.0.0.11", workstation: "WEB01"));
        s.Add(Events.Logon(_ev, "DC01.corp.local", 300, "0x33", "da_admin", 3, ip: "10.0.0.12", workstation: "APP02"));
        s.Add(_ev.Make(Events.Security, 4672, "DC01.corp.local", 300, ("SubjectLogonId", "0x33")));
        return s;
    }

    [Fact]
    public void Nodes_and_edges_resolve_addresses_to_hosts_through_workstation_names()
    {
        var g = Intrusion(new SessionStitcher()).Finish().Graph;
        Assert.Equal(["account:DA_ADMIN", "account:SVC_WEB", "host:APP02", "host:DC01", "host:WEB01", "address:198.51.100.7"],
            g.Nodes.Select(n => n.Id));
        Assert.True(g.Node("address:198.51.100.7")!.External);
        Assert.True(g.Node("host:DC01")!.HasLogs);
        Assert.Equal("DC01.corp.local", g.Node("host:DC01")!.Label);
        Assert.True(g.Node("account:DA_ADMIN")!.Privileged);
        Assert.False(g.Node("account:SVC_WEB")!.Privileged);
        Assert.Equal(
            [("address:198.51.100.7", "account:SVC_WEB", "host:WEB01"), ("host:WEB01", "account:SVC_WEB", "host:APP02"), ("host:APP02", "account:DA_ADMIN", "host:DC01")],
            g.Edges.Select(e => (e.SourceId, e.AccountId, e.TargetId)));
        var dc = g.Edges[2];
        Assert.Equal((1L, 1L, true), (dc.Count, dc.PrivilegedCount, dc.Success));
        Assert.Equal([3], dc.LogonTypes);
        Assert.Equal([AccessProtocol.Logon], dc.Protocols);
    }

    [Fact]
    public void Lateral_path_follows_time_order_and_patient_zero_is_the_external_source()
    {
        var g = Intrusion(new SessionStitcher()).Finish().Graph;
        var path = Assert.Single(g.Paths);
        Assert.Equal(["address:198.51.100.7", "host:WEB01", "host:APP02", "host:DC01"],
            path.Hops.Select(h => h.SourceId).Append(path.Hops[^1].TargetId));
        Assert.Equal([Events.At(100), Events.At(200), Events.At(300)], path.Hops.Select(h => h.Time));
        var pz = Assert.Single(g.PatientZero);
        Assert.Equal(("address:198.51.100.7", "account:DA_ADMIN", "host:DC01"), (pz.SourceId, pz.PrivilegedAccountId, pz.PrivilegedTargetId));
        Assert.Equal(Events.At(100), pz.First);
        Assert.Equal(3, pz.Path.Count);
    }

    [Fact]
    public void Hops_out_of_time_order_do_not_chain()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "B", 500, "0x1", "u", 3, ip: "10.0.0.1", workstation: "A"));
        s.Add(Events.Logon(_ev, "C", 100, "0x2", "u", 3, ip: "10.0.0.2", workstation: "B")); // B → C before anyone reached B
        s.Add(_ev.Make(Events.Security, 4672, "C", 100, ("SubjectLogonId", "0x2")));
        var g = s.Finish().Graph;
        Assert.Empty(g.Paths);
        Assert.Empty(g.PatientZero); // no external source at all
    }

    [Fact]
    public void Rare_and_new_sources()
    {
        var s = new SessionStitcher();
        for (var i = 0; i < 12; i++)
            s.Add(Events.Logon(_ev, "FS1", i * 3600, "0x" + (100 + i).ToString("x"), "carol", 3, ip: "10.0.0.20"));
        s.Add(Events.Logon(_ev, "FS1", 60 * 3600, "0x999", "carol", 3, ip: "10.66.0.1"));
        var g = s.Finish().Graph;
        var rare = Assert.Single(g.RareSources);
        Assert.Equal(("account:CAROL", "address:10.66.0.1", 1L, 13L), (rare.AccountId, rare.SourceId, rare.Count, rare.AccountTotal));
        var fresh = Assert.Single(g.NewSources); // window = last 24 h of the logs
        Assert.Equal("address:10.66.0.1", fresh.SourceId);
        Assert.Equal(["host:FS1"], fresh.TargetIds);
    }

    [Fact]
    public void Failures_kerberos_ntlm_explicit_credentials_and_rdp_client_make_edges()
    {
        var s = new SessionStitcher();
        s.Add(_ev.Make(Events.Security, 4625, "DC1", 1, ("TargetUserName", "admin"), ("TargetDomainName", "CORP"),
            ("IpAddress", "10.0.0.66"), ("Status", "0xc000006d"), ("SubStatus", "0xc000006a"), ("LogonType", "3")));
        s.Add(_ev.Make(Events.Security, 4768, "DC1", 2, ("TargetUserName", "admin"), ("TargetDomainName", "CORP.LOCAL"),
            ("IpAddress", "::ffff:10.0.0.66"), ("Status", "0x0")));
        s.Add(_ev.Make(Events.Security, 4776, "DC1", 3, ("TargetUserName", "admin"), ("Workstation", "WS66"), ("Status", "0x0")));
        s.Add(_ev.Make(Events.Security, 4648, "WS66", 4, ("SubjectLogonId", "0x3e7"), ("TargetUserName", "admin"),
            ("TargetDomainName", "CORP"), ("TargetServerName", "FS9.corp.local"), ("IpAddress", "-")));
        s.Add(_ev.Make(Events.Security, 4648, "WS66", 4, ("TargetUserName", "admin"), ("TargetServerName", "localhost")));
        s.Add(_ev.Make(Events.RdpClient, 1024, "WS66", 5, ("Value", "10.0.0.99")));
        var g = s.Finish().Graph;
        Assert.Equal(
            [("address:10.0.0.66", "account:ADMIN", "host:DC1", false, AccessProtocol.Logon),
             ("address:10.0.0.66", "account:ADMIN", "host:DC1", true, AccessProtocol.Kerberos),
             ("host:WS66", "account:ADMIN", "host:DC1", true, AccessProtocol.Ntlm),
             ("host:WS66", "account:ADMIN", "host:FS9", true, AccessProtocol.ExplicitCredentials),
             ("host:WS66", "account:?", "address:10.0.0.99", true, AccessProtocol.RdpClient)],
            g.Edges.Select(e => (e.SourceId, e.AccountId, e.TargetId, e.Success, e.Protocols.Single())));
    }

    [Fact]
    public void Service_and_system_logons_stay_out_of_the_graph()
    {
        var s = new SessionStitcher();
        s.Add(Events.Logon(_ev, "A", 0, "0x3e7", "SYSTEM", 0, domain: "NT AUTHORITY"));
        s.Add(Events.Logon(_ev, "A", 0, "0x3e4", "NETWORK SERVICE", 5, domain: "NT AUTHORITY"));
        s.Add(Events.Logon(_ev, "A", 0, "0x9", "DWM-1", 2, domain: "Window Manager"));
        s.Add(Events.Logon(_ev, "A", 0, "0xa", "A$", 3, ip: "10.0.0.1"));
        var r = s.Finish();
        Assert.Equal(4, r.Sessions.Count);
        Assert.Empty(r.Graph.Edges);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("219.100.37.243", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.56.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::5", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("WORKSTATION", false)]
    public void External_addresses(string address, bool external) => Assert.Equal(external, NetAddress.IsExternal(address));
}
