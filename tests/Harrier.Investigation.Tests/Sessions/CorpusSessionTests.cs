using Harrier.Investigation.Graph;
using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Tests.Sessions;

/// <summary>Sessions and edges expected from real samples, written out from the samples' records.</summary>
public class CorpusSessionTests
{
    /// <summary>
    /// Scheduled task created remotely (ATSVC): NTLM network logons from 10.0.2.17, each 4672 logged
    /// *before* its 4624 in the same tick; no logoffs.
    /// </summary>
    [Fact]
    public void Atsvc_target_host_network_logons_from_the_attacker()
    {
        var r = Corpus.Stitch("evtx-attack-samples/Lateral Movement/LM_ScheduledTask_ATSVC_target_host.evtx");
        Assert.Equal(
            [(0x17e29aUL, @"NT AUTHORITY\ANONYMOUS LOGON", "10.0.2.17", false),
             (0x17e2aaUL, @"EXAMPLE\Administrator", "10.0.2.17", true),
             (0x17e2c0UL, @"EXAMPLE\Administrator", "10.0.2.17", true),
             (0x17e2d2UL, @"EXAMPLE\Administrator", null, true),
             (0x184212UL, @"EXAMPLE\WIN-77LTAPHIQ1R$", "::1", true),
             (0x18423dUL, @"EXAMPLE\WIN-77LTAPHIQ1R$", "fe80::79bf:8ee2:433c:2567", true)],
            r.Sessions.Select(s => (s.LogonId, s.Account, s.SourceAddress, s.Elevated)));
        Assert.All(r.Sessions, s => Assert.Equal(("WIN-77LTAPHIQ1R.example.corp", 3, true), (s.Computer, s.LogonType, s.IsOpen)));
        Assert.Equal(["NTLM", "NTLM", "NTLM", "NTLM", "Kerberos", "Kerberos"], r.Sessions.Select(s => s.AuthPackage));
        Assert.Equal(Corpus.Time("2019-03-19T00:02:04.210688Z") / 10, r.Sessions[1].Start / 10); // reference has µs
        Assert.Empty(r.Failures);

        var admin = r.Graph.Edges.Single(e => e.SourceId == "address:10.0.2.17" && e.AccountId == "account:ADMINISTRATOR");
        Assert.Equal(("host:WIN-77LTAPHIQ1R", 2L, 2L, true), (admin.TargetId, admin.Count, admin.PrivilegedCount, admin.Success));
        // Three 4776 with an empty workstation and the 4624 with no address: one source-less edge.
        var local = r.Graph.Edges.Single(e => e.SourceId is null && e.AccountId == "account:ADMINISTRATOR");
        Assert.Equal((4L, 1L), (local.Count, local.PrivilegedCount));
        Assert.Equal([AccessProtocol.Logon, AccessProtocol.Ntlm], local.Protocols);
        Assert.Equal([4624, 4776], local.EventIds);
        Assert.DoesNotContain(r.Graph.Edges, e => e.AccountId.EndsWith('$'));
        Assert.Equal(4, r.Scope.EventsUsed[4776]);
        Assert.Equal(5, r.Scope.EventsUsed[4672]);
    }

    [Fact]
    public void Pass_the_hash_source_machine_new_credentials_logon()
    {
        var r = Corpus.Stitch("evtx-attack-samples/Lateral Movement/LM_4624_mimikatz_sekurlsa_pth_source_machine.evtx");
        var s = Assert.Single(r.Sessions);
        Assert.Equal(("PC01.example.corp", 0x4530f0fUL, 9, @"EXAMPLE\user01", "::1", "Negotiate", true, true),
            (s.Computer, s.LogonId, s.LogonType, s.Account, s.SourceAddress, s.AuthPackage, s.Elevated, s.IsOpen));
    }

    /// <summary>Kerberoasting on a DC: NTLM 4776, network logon 4624 … 4634, TGT 4768 and an RC4 service ticket 4769 for Alice.</summary>
    [Fact]
    public void Kerberoasting_dc_session_and_kerberos_edges()
    {
        var r = Corpus.Stitch("yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx");
        var s = Assert.Single(r.Sessions);
        Assert.Equal((0x27d676UL, @"LABCORP\Alice", "192.168.1.200", LogonEndReason.Logoff, false),
            (s.LogonId, s.Account, s.SourceAddress, s.EndReason, s.Elevated));
        Assert.Equal(Corpus.Time("2021-04-29T09:23:58.735076Z") / 10, s.End / 10);
        var edges = r.Graph.Edges.Where(e => e.SourceId == "address:192.168.1.200").ToList();
        var edge = Assert.Single(edges); // 4624 (LABCORP\Alice), 4768 (Alice), 4769 (Alice@LABCORP.LOCAL): one account
        Assert.Equal(("account:ALICE", "host:DC-SERVER-1", 3L), (edge.AccountId, edge.TargetId, edge.Count));
        Assert.Equal([AccessProtocol.Logon, AccessProtocol.Kerberos], edge.Protocols);
        Assert.Equal([4624, 4768, 4769], edge.EventIds);
    }

    [Fact]
    public void Rds_gateway_connections_pair_302_with_303()
    {
        var r = Corpus.Stitch("yamato/IntialAccess/ValidAccounts/ID302 RDS Gateway Logon Logoff.evtx");
        Assert.Equal(2, r.RdpSessions.Count);
        var closed = r.RdpSessions[0];
        Assert.Equal((RdpSessionKind.Gateway, "EC2AMAZ-6C3C9U6", @"EC2AMAZ-6C3C9U6\Administrator", "219.100.37.243", 83UL),
            (closed.Kind, closed.Computer, closed.Account, closed.SourceAddress, closed.StartRecordId));
        Assert.Equal("ec2-18-179-8-103.ap-northeast-1.compute.amazonaws.com", closed.Resource);
        Assert.Equal(Corpus.Time("2024-11-04T13:59:25.431624Z") / 10, closed.End / 10);
        Assert.True(r.RdpSessions[1].IsOpen);
        Assert.Equal(89UL, r.RdpSessions[1].StartRecordId);
        Assert.Equal(1, r.Scope.UnmatchedEnds); // record 74: a 303 whose 302 is before the log
        var g = r.Graph;
        Assert.True(g.Node("address:219.100.37.243")!.External);
        // External client → gateway → the resource it asked for: a two-hop path.
        var path = Assert.Single(g.Paths);
        Assert.Equal(["address:219.100.37.243", "host:EC2AMAZ-6C3C9U6", "host:EC2-18-179-8-103"],
            path.Hops.Select(h => h.SourceId).Append(path.Hops[^1].TargetId));
        Assert.Empty(g.PatientZero); // the gateway log shows no privileged logon
    }

    [Fact]
    public void Rdp_hijacking_reconnect_without_its_logon_is_counted_unmatched()
    {
        var r = Corpus.Stitch("yamato/LateralMovement/T1563.002_RDP-Hijacking_Security.evtx");
        Assert.Empty(r.Sessions);
        Assert.Equal(1, r.Scope.UnmatchedActivity);
        Assert.Equal(1, r.Scope.EventsUsed[4778]);
    }

    /// <summary>RDP over an SSH tunnel: type 10 logons from 127.0.0.1, SYSTEM's 0x3e7 logon id reused through reboots.</summary>
    [Fact]
    public void Rdp_tunneling_target_logons()
    {
        var r = Corpus.Stitch("evtx-attack-samples/Command and Control/DE_RDP_Tunneling_4624.evtx");
        Assert.Equal(18, r.Sessions.Count);
        var system = r.Sessions.Where(s => s.LogonId == 0x3e7).ToList();
        Assert.Equal(9, system.Count);
        Assert.Equal(8, system.Count(s => s.EndReason == LogonEndReason.Superseded));
        var rdp = Assert.Single(r.Sessions, s => s.LogonType == 10);
        Assert.Equal((0x45120UL, @"PC02\IEUser", "127.0.0.1", "PC02"), (rdp.LogonId, rdp.Account, rdp.SourceAddress, rdp.SourceWorkstation));
        var anonymous = r.Graph.Edges.Single(e => e.AccountId == "account:ANONYMOUS LOGON" && e.SourceId == "address:10.0.2.17");
        Assert.Equal(("host:PC02", 2L), (anonymous.TargetId, anonymous.Count));
    }

    [Fact]
    public void Rdp_1149_authentications_become_rdp_edges()
    {
        var r = Corpus.Stitch("evtx-attack-samples/Command and Control/DE_RDP_Tunneling_TerminalServices-RemoteConnectionManagerOperational_1149.evtx");
        var g = r.Graph;
        var e = g.Edges.Single(x => x.SourceId == "address:10.0.2.15");
        Assert.Equal(("account:ADMIN01", "host:PC01", 6L, AccessProtocol.Rdp), (e.AccountId, e.TargetId, e.Count, e.Protocols.Single()));
        Assert.Equal(Corpus.Time("2019-01-29T23:00:10.212008Z") / 10, e.First / 10);
        Assert.Equal(2L, g.Edges.Single(x => x.SourceId == "address:10.0.2.16" && x.TargetId == "host:IEWIN7").Count);
        Assert.Contains(g.Edges, x => x.SourceId == "address:127.0.0.1" && x.AccountId == "account:ADMIN01");
        Assert.Equal(11, r.Scope.EventsUsed[1149]);
        Assert.Equal(25, r.Scope.EventsUsed[261]);
    }

    [Fact]
    public void Smb_password_guessing_groups_3561_failures_into_three()
    {
        var r = Corpus.Stitch("deepbluecli/smb-password-guessing-security.evtx");
        Assert.Equal(3, r.Failures.Count);
        var admin = r.Failures.Single(f => f.Account == @".\Administrator");
        Assert.Equal(("192.168.198.149", "DESKTOP-M5SN04R", 3559L), (admin.Source, admin.Target, admin.Count));
        Assert.Equal(Corpus.Time("2016-09-19T16:50:06.513129Z") / 10, admin.First / 10);
        Assert.Equal(Corpus.Time("2016-09-19T16:52:49.399674Z") / 10, admin.Last / 10);
        Assert.Equal(["0xc000006a", "0xc0000072"], admin.Reasons);
        Assert.Equal(3561, r.Failures.Sum(f => f.Count));
        var edge = r.Graph.Edges.Single(e => !e.Success && e.AccountId == "account:ADMINISTRATOR");
        Assert.Equal(3560, edge.Count); // ".\Administrator" and "lXMrIIDU\Administrator" are one account node
    }
}
