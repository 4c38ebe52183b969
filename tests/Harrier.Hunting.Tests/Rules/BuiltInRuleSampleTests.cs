namespace Harrier.Hunting.Tests.Rules;

/// <summary>
/// Single-event rules of the built-in pack on real corpus samples (peer renderings in ../shared/reference).
/// Expected counts come from reading the samples' own records (noted per row).
/// </summary>
public class BuiltInRuleSampleTests
{
    public static TheoryData<string, string, int> Cases => new()
    {
        // 4688 tscon.exe "tscon  2 /dest rdp-tcp#14" (the cmd.exe parent is not tscon).
        { "rdp/rdp_session_hijack_tscon.yml", "yamato/LateralMovement/T1563.002_RDP-Hijacking_Security.evtx", 1 },
        { "rdp/rdp_session_hijack_tscon.yml", "evtx-attack-samples/Lateral Movement/LM_WMI_4624_4688_TargetHost.evtx", 0 },
        // 4697 service "rdphijack2" running "cmd.exe /k tscon 2 /dest rdp-tcp#14".
        { "rdp/rdp_session_hijack_service.yml", "yamato/LateralMovement/T1563.002_RDP-Hijacking_Security.evtx", 1 },
        { "rdp/rdp_session_hijack_service.yml", "evtx-attack-samples/Lateral Movement/LM_Remote_Service02_7045.evtx", 0 },
        // One Eventlog 1102 record.
        { "tampering/security_log_cleared.yml", "evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx", 1 },
        { "tampering/security_log_cleared.yml", "evtx-attack-samples/Defense Evasion/DE_104_system_log_cleared.evtx", 0 },
        { "tampering/system_log_cleared.yml", "evtx-attack-samples/Defense Evasion/DE_104_system_log_cleared.evtx", 1 },
        { "tampering/system_log_cleared.yml", "evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx", 0 },
        // 4719 by the DC's machine account (S-1-5-18) applying policy: not a user change.
        { "tampering/audit_policy_changed.yml", "evtx-attack-samples/Credential Access/ACL_ForcePwd_SPNAdd_User_Computer_Accounts.evtx", 0 },
        // Three 4662 by Administrator with 1131f6aa/1131f6ad replication rights.
        { "ad/dcsync_non_dc.yml", "evtx-attack-samples/Credential Access/CA_DCSync_4662.evtx", 3 },
        // 4662 by bob (no replication rights) and by DC1$ (a DC replicating).
        { "ad/dcsync_non_dc.yml", "evtx-attack-samples/Credential Access/ACL_ForcePwd_SPNAdd_User_Computer_Accounts.evtx", 0 },
        // 4769 for sql101 with ticket encryption 0x17.
        { "ad/kerberoasting_rc4_service_ticket.yml", "yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx", 1 },
        // 4769s there are AES (0x12) for DC-SERVER-1$.
        { "ad/kerberoasting_rc4_service_ticket.yml", "yamato/CredentialAccess/T1558.004_StealOrForgeKerberosTicketsAS-REP-Roasting_Security.evtx", 0 },
        // 4768 for Alice with PreAuthType 0 and RC4.
        { "ad/asrep_roasting.yml", "yamato/CredentialAccess/T1558.004_StealOrForgeKerberosTicketsAS-REP-Roasting_Security.evtx", 1 },
        { "ad/asrep_roasting.yml", "yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx", 0 },
        // 4624 type 9, seclogo, Negotiate (sekurlsa::pth).
        { "ad/overpass_the_hash_seclogo.yml", "evtx-attack-samples/Lateral Movement/LM_4624_mimikatz_sekurlsa_pth_source_machine.evtx", 1 },
        { "ad/overpass_the_hash_seclogo.yml", "evtx-attack-samples/Lateral Movement/LM_WMI_4624_4688_TargetHost.evtx", 0 },
        // 4624 type 3 NtLmSsp key length 0 for user03 from 127.0.0.1.
        { "ad/pass_the_hash_ntlm_logon.yml", "evtx-attack-samples/Lateral Movement/ImpersonateUser-via local Pass The Hash Sysmon and Security.evtx", 1 },
        // Kerberos type-3 logons (key length 0) and one NTLM logon with a 128-bit session key.
        { "ad/pass_the_hash_ntlm_logon.yml", "evtx-attack-samples/Lateral Movement/LM_WMI_4624_4688_TargetHost.evtx", 0 },
        // 4732 to Administrators (S-1-5-32-544); the 4728 to None (-513) and 4732 to Users (-545) are not privileged.
        { "ad/privileged_group_member_added.yml", "deepbluecli/new-user-security.evtx", 1 },
        { "ad/privileged_group_member_added.yml", "evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx", 0 },
        { "ad/new_user_account.yml", "deepbluecli/new-user-security.evtx", 1 },
        { "ad/new_user_account.yml", "deepbluecli/password-spray.evtx", 0 },
        // 4724: Administrator reset 01566S-WIN16-IR$.
        { "ad/password_reset_by_other_account.yml", "evtx-attack-samples/Credential Access/remote_pwd_reset_rpc_mimikatz_postzerologon_target_DC.evtx", 1 },
        { "ad/password_reset_by_other_account.yml", "deepbluecli/new-user-security.evtx", 0 },
        // 4624 type 10 from 127.0.0.1.
        { "rdp/rdp_tunnel_loopback_logon.yml", "evtx-attack-samples/Command and Control/DE_RDP_Tunneling_4624.evtx", 1 },
        // 1149 from 127.0.0.1 (the other 1149s are from 10.0.2.x and fe80::).
        { "rdp/rdp_tunnel_loopback_logon.yml", "evtx-attack-samples/Command and Control/DE_RDP_Tunneling_TerminalServices-RemoteConnectionManagerOperational_1149.evtx", 1 },
        { "rdp/rdp_tunnel_loopback_logon.yml", "yamato/IntialAccess/ValidAccounts/ID302 RDS Gateway Logon Logoff.evtx", 0 },
        // netsh portproxy to connectp=3389 (Sysmon 1) and its PortProxy v4tov4 value "1.2.3.5/3389" (Sysmon 13).
        { "rdp/rdp_tunnel_port_forward.yml", "evtx-attack-samples/Defense Evasion/de_portforward_netsh_rdp_sysmon_13_1.evtx", 2 },
        // portproxy to 8000, not RDP.
        { "rdp/rdp_tunnel_port_forward.yml", "evtx-attack-samples/AutomatedTestingTools/panache_sysmon_vs_EDRTestingScript.evtx", 0 },
        // RDP Wrapper: ServiceDll, fDenyTSConnections=0, EnableConcurrentSessions, PortNumber (and more, counted below).
        { "rdp/rdp_settings_changed_registry.yml", "evtx-attack-samples/Defense Evasion/de_portforward_netsh_rdp_sysmon_13_1.evtx", 0 },
        // 1149 from 174.127.93.2, 31.14.75.59 (twice) and 103.11.244.223.
        { "rdp/rdp_auth_public_address_rcm.yml", "evtx-crate-samples/2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx", 4 },
        // 1149 from 10.0.2.x, 127.0.0.1 and fe80::…%10.
        { "rdp/rdp_auth_public_address_rcm.yml", "evtx-attack-samples/Command and Control/DE_RDP_Tunneling_TerminalServices-RemoteConnectionManagerOperational_1149.evtx", 0 },
        // The only type-10 4624 is from 127.0.0.1.
        { "rdp/rdp_logon_public_address_4624.yml", "evtx-attack-samples/Command and Control/DE_RDP_Tunneling_4624.evtx", 0 },
        // "rar a -r exfilthis.rar *.docx": an archiver, but over documents, not source or symbols.
        { "tampering/source_code_archived.yml", "evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx", 0 },
        { "tampering/bulk_copy_to_share.yml", "evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx", 0 },
        { "tampering/removable_media_copy.yml", "evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_fires_as_the_sample_records_say(string rule, string sample, int expected)
    {
        var hits = RuleHarness.Hits(RuleHarness.Reference(sample));
        Assert.Equal(expected, hits.GetValueOrDefault("builtin:" + rule));
    }

    [Fact]
    public void Rdp_wrapper_registry_tampering_is_seen()
    {
        var hits = RuleHarness.Hits(RuleHarness.Reference("evtx-attack-samples/Defense Evasion/sysmon_13_rdp_settings_tampering.evtx"));
        Assert.True(hits.GetValueOrDefault("builtin:rdp/rdp_settings_changed_registry.yml") >= 4);
    }

    [Fact]
    public void Rd_gateway_connections_are_listed()
    {
        var sample = "yamato/IntialAccess/ValidAccounts/ID302 RDS Gateway Logon Logoff.evtx";
        var records = ReferenceCount(sample, 302);
        Assert.True(records > 0);
        Assert.Equal(records, RuleHarness.Hits(RuleHarness.Reference(sample)).GetValueOrDefault("builtin:rdp/rd_gateway_connection.yml"));
        Assert.Equal(0, RuleHarness.Hits(RuleHarness.Reference("yamato/LateralMovement/T1563.002_RDP-Hijacking_Security.evtx"))
            .GetValueOrDefault("builtin:rdp/rd_gateway_connection.yml"));
    }

    /// <summary>Counts records with an EventID in a reference rendering (independently of the rules).</summary>
    static int ReferenceCount(string sample, int eventId)
    {
        using var reader = Harrier.Evtx.Json.EvtxJsonReader.Open(RuleHarness.Reference(sample));
        var e = new Harrier.Evtx.Events.EventFields();
        var n = 0;
        while (reader.Read(e)) if (e.EventId == eventId) n++;
        return n;
    }
}
