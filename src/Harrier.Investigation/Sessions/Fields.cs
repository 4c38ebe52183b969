using Harrier.Evtx.Events;

namespace Harrier.Investigation.Sessions;

/// <summary>Field ids the stitcher reads, resolved once (Security EventData and TerminalServices UserData names).</summary>
static class Fields
{
    public static readonly int Channel = FieldNames.Channel;
    public static readonly int Computer = FieldNames.Computer;
    public static readonly int TargetLogonId = FieldNames.Intern("TargetLogonId");
    public static readonly int TargetLinkedLogonId = FieldNames.Intern("TargetLinkedLogonId");
    public static readonly int SubjectLogonId = FieldNames.Intern("SubjectLogonId");
    public static readonly int SubjectUserName = FieldNames.Intern("SubjectUserName");
    public static readonly int SubjectDomainName = FieldNames.Intern("SubjectDomainName");
    public static readonly int TargetUserName = FieldNames.Intern("TargetUserName");
    public static readonly int TargetDomainName = FieldNames.Intern("TargetDomainName");
    public static readonly int TargetUserSid = FieldNames.Intern("TargetUserSid");
    public static readonly int TargetServerName = FieldNames.Intern("TargetServerName");
    public static readonly int LogonType = FieldNames.Intern("LogonType");
    public static readonly int IpAddress = FieldNames.Intern("IpAddress");
    public static readonly int IpPort = FieldNames.Intern("IpPort");
    public static readonly int WorkstationName = FieldNames.Intern("WorkstationName");
    public static readonly int Workstation = FieldNames.Intern("Workstation");
    public static readonly int AuthenticationPackageName = FieldNames.Intern("AuthenticationPackageName");
    public static readonly int LogonProcessName = FieldNames.Intern("LogonProcessName");
    public static readonly int Status = FieldNames.Intern("Status");
    public static readonly int SubStatus = FieldNames.Intern("SubStatus");
    public static readonly int ServiceName = FieldNames.Intern("ServiceName");
    public static readonly int PackageName = FieldNames.Intern("PackageName");
    // 4778/4779
    public static readonly int AccountName = FieldNames.Intern("AccountName");
    public static readonly int AccountDomain = FieldNames.Intern("AccountDomain");
    public static readonly int LogonID = FieldNames.Intern("LogonID");
    public static readonly int SessionName = FieldNames.Intern("SessionName");
    public static readonly int ClientName = FieldNames.Intern("ClientName");
    public static readonly int ClientAddress = FieldNames.Intern("ClientAddress");
    // TerminalServices-LocalSessionManager (UserData/EventXML)
    public static readonly int User = FieldNames.Intern("User");
    public static readonly int SessionID = FieldNames.Intern("SessionID");
    public static readonly int Address = FieldNames.Intern("Address");
    public static readonly int TargetSession = FieldNames.Intern("TargetSession");
    public static readonly int Source = FieldNames.Intern("Source");
    public static readonly int Session = FieldNames.Intern("Session");
    public static readonly int Reason = FieldNames.Intern("Reason");
    // RemoteConnectionManager 1149
    public static readonly int Param1 = FieldNames.Intern("Param1");
    public static readonly int Param2 = FieldNames.Intern("Param2");
    public static readonly int Param3 = FieldNames.Intern("Param3");
    // RDPClient 1024/1102
    public static readonly int Value = FieldNames.Intern("Value");
    // RD Gateway 302/303
    public static readonly int Username = FieldNames.Intern("Username");
    public static readonly int Resource = FieldNames.Intern("Resource");
    public static readonly int ErrorCode = FieldNames.Intern("ErrorCode");
    public static readonly int SessionDuration = FieldNames.Intern("SessionDuration");
}
