namespace Harrier.Hunting.Details;

/// <summary>
/// Harrier's Details templates per (provider, EventID): the fields an analyst reads first, labelled, with
/// codes turned into words. Labels: User/Target = the account acted on, By = the account acting,
/// SrcIP/SrcHost = where it came from.
/// </summary>
public static class DetailsCatalog
{
    const string Security = "Microsoft-Windows-Security-Auditing";
    const string Eventlog = "Microsoft-Windows-Eventlog";
    const string Sysmon = "Microsoft-Windows-Sysmon";
    const string Lsm = "Microsoft-Windows-TerminalServices-LocalSessionManager";
    const string Rcm = "Microsoft-Windows-TerminalServices-RemoteConnectionManager";
    const string Gateway = "Microsoft-Windows-TerminalServices-Gateway";
    const string Scm = "Service Control Manager";
    const string PowerShell = "Microsoft-Windows-PowerShell";
    const string Defender = "Microsoft-Windows-Windows Defender";

    const string LogonBase = "User: %TargetDomainName%\\%TargetUserName% | Type: %LogonType:logon% | SrcIP: %IpAddress% | SrcHost: %WorkstationName%";

    /// <summary>Every built-in template as (provider, event id, template text).</summary>
    public static readonly IReadOnlyList<(string Provider, int EventId, string Template)> Entries =
    [
        (Security, 4624, LogonBase + " | Auth: %AuthenticationPackageName% | LogonProc: %LogonProcessName% | KeyLength: %KeyLength% | Elevated: %ElevatedToken:messages% | LogonId: %TargetLogonId%"),
        (Security, 4625, LogonBase + " | Reason: %FailureReason:messages% | Status: %Status:ntstatus% | SubStatus: %SubStatus:ntstatus% | Auth: %AuthenticationPackageName% | Process: %ProcessName%"),
        (Security, 4634, "User: %TargetDomainName%\\%TargetUserName% | Type: %LogonType:logon% | LogonId: %TargetLogonId%"),
        (Security, 4647, "User: %TargetDomainName%\\%TargetUserName% | LogonId: %TargetLogonId%"),
        (Security, 4648, "By: %SubjectDomainName%\\%SubjectUserName% | Target: %TargetDomainName%\\%TargetUserName% | Server: %TargetServerName% | SrcIP: %IpAddress% | Process: %ProcessName%"),
        (Security, 4662, "By: %SubjectDomainName%\\%SubjectUserName% | Object: %ObjectName% | Access: %AccessMask% | Rights: %Properties:ds-rights% | LogonId: %SubjectLogonId%"),
        (Security, 4672, "User: %SubjectDomainName%\\%SubjectUserName% | LogonId: %SubjectLogonId%"),
        (Security, 4688, "By: %SubjectDomainName%\\%SubjectUserName% | Process: %NewProcessName% | Cmd: %CommandLine% | Parent: %ParentProcessName% | Integrity: %MandatoryLabel:integrity% | Token: %TokenElevationType:messages%"),
        (Security, 4697, "Service: %ServiceName% | Path: %ServiceFileName% | Account: %ServiceAccount% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4698, "Task: %TaskName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4702, "Task: %TaskName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4719, "By: %SubjectDomainName%\\%SubjectUserName% | Category: %CategoryId% | Subcategory: %SubcategoryGuid% | Changes: %AuditPolicyChanges:messages%"),
        (Security, 4720, "New user: %TargetDomainName%\\%TargetUserName% | SID: %TargetSid% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4722, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4723, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4724, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4725, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4726, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4728, "Member: %MemberName% | MemberSID: %MemberSid% | Group: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4732, "Member: %MemberName% | MemberSID: %MemberSid% | Group: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4756, "Member: %MemberName% | MemberSID: %MemberSid% | Group: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4738, "User: %TargetDomainName%\\%TargetUserName% | By: %SubjectDomainName%\\%SubjectUserName%"),
        (Security, 4740, "User: %TargetUserName% | Caller: %TargetDomainName% | By: %SubjectUserName%"),
        (Security, 4768, "User: %TargetDomainName%\\%TargetUserName% | Svc: %ServiceName% | SrcIP: %IpAddress% | Status: %Status:kerberos% | PreAuth: %PreAuthType:preauth% | Enc: %TicketEncryptionType:encryption%"),
        (Security, 4769, "User: %TargetUserName% | Svc: %ServiceName% | SrcIP: %IpAddress% | Status: %Status:kerberos% | Enc: %TicketEncryptionType:encryption%"),
        (Security, 4771, "User: %TargetUserName% | Svc: %ServiceName% | SrcIP: %IpAddress% | Status: %Status:kerberos% | PreAuth: %PreAuthType:preauth%"),
        (Security, 4776, "User: %TargetUserName% | SrcHost: %Workstation% | Status: %Status:ntstatus%"),
        (Security, 4778, "User: %AccountDomain%\\%AccountName% | SrcIP: %ClientAddress% | SrcHost: %ClientName% | Session: %SessionName% | LogonId: %LogonID%"),
        (Security, 4779, "User: %AccountDomain%\\%AccountName% | SrcIP: %ClientAddress% | SrcHost: %ClientName% | Session: %SessionName% | LogonId: %LogonID%"),
        (Security, 5140, "User: %SubjectDomainName%\\%SubjectUserName% | SrcIP: %IpAddress% | Share: %ShareName% | Access: %AccessList:messages%"),
        (Security, 5145, "User: %SubjectDomainName%\\%SubjectUserName% | SrcIP: %IpAddress% | Share: %ShareName% | Path: %RelativeTargetName% | Access: %AccessList:messages%"),
        (Eventlog, 1102, "By: %SubjectDomainName%\\%SubjectUserName% | LogonId: %SubjectLogonId%"),
        (Eventlog, 104, "By: %SubjectDomainName%\\%SubjectUserName% | Backup: %BackupPath%"),
        (Scm, 7045, "Service: %ServiceName% | Path: %ImagePath% | Account: %AccountName% | Start: %StartType%"),
        (Lsm, 21, "User: %User% | Session: %SessionID% | SrcIP: %Address%"),
        (Lsm, 22, "User: %User% | Session: %SessionID% | SrcIP: %Address%"),
        (Lsm, 23, "User: %User% | Session: %SessionID%"),
        (Lsm, 24, "User: %User% | Session: %SessionID% | SrcIP: %Address%"),
        (Lsm, 25, "User: %User% | Session: %SessionID% | SrcIP: %Address%"),
        (Rcm, 1149, "User: %Param2%\\%Param1% | SrcIP: %Param3%"),
        (Gateway, 302, "User: %Username% | SrcIP: %IpAddress% | Resource: %Resource% | Protocol: %ConnectionProtocol%"),
        (Gateway, 303, "User: %Username% | SrcIP: %IpAddress% | Resource: %Resource% | Protocol: %ConnectionProtocol% | Duration: %SessionDuration%s | Error: %ErrorCode%"),
        (Sysmon, 1, "Cmd: %CommandLine% | Process: %Image% | User: %User% | Parent: %ParentImage% | ParentCmd: %ParentCommandLine% | PID: %ProcessId% | LogonId: %LogonId%"),
        (Sysmon, 3, "Process: %Image% | Proto: %Protocol% | Src: %SourceIp%:%SourcePort% | Dst: %DestinationIp%:%DestinationPort% | DstHost: %DestinationHostname% | User: %User%"),
        (Sysmon, 7, "Process: %Image% | Loaded: %ImageLoaded% | Signed: %Signed% | Signature: %Signature%"),
        (Sysmon, 8, "Source: %SourceImage% | Target: %TargetImage% | StartFunction: %StartFunction%"),
        (Sysmon, 10, "Source: %SourceImage% | Target: %TargetImage% | Access: %GrantedAccess%"),
        (Sysmon, 11, "Process: %Image% | File: %TargetFilename%"),
        (Sysmon, 12, "Process: %Image% | Type: %EventType% | Key: %TargetObject%"),
        (Sysmon, 13, "Process: %Image% | Key: %TargetObject% | Value: %Details%"),
        (Sysmon, 14, "Process: %Image% | Key: %TargetObject% | NewName: %NewName%"),
        (Sysmon, 22, "Process: %Image% | Query: %QueryName% | Result: %QueryResults%"),
        (PowerShell, 4104, "Script: %ScriptBlockText% | Path: %Path%"),
        (Defender, 1116, "Threat: %ThreatName% | Severity: %SeverityName% | Path: %Path% | User: %DetectionUser%"),
        (Defender, 1117, "Threat: %ThreatName% | Action: %ActionName% | Path: %Path% | User: %DetectionUser%"),
    ];
}
