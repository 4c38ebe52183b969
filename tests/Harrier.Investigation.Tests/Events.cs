using Harrier.Evtx.Events;

namespace Harrier.Investigation.Tests;

/// <summary>Builds events the way the readers flatten them, into one reused instance (as a reader does).</summary>
sealed class Events
{
    public const string Security = "Security";
    public const string Lsm = "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";
    public const string Rcm = "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
    public const string RdpClient = "Microsoft-Windows-TerminalServices-RDPClient/Operational";
    public const string Gateway = "Microsoft-Windows-TerminalServices-Gateway/Operational";

    static readonly DateTime Origin = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);
    readonly EventFields _e = new();
    ulong _record;

    /// <summary>FILETIME of Origin + seconds.</summary>
    public static long At(double seconds) => Origin.AddSeconds(seconds).ToFileTimeUtc();

    public EventFields Make(string channel, int eventId, string computer, double seconds, params (string Name, string Value)[] data)
    {
        _e.Clear();
        _e.RecordId = ++_record;
        _e.TimeCreated = At(seconds);
        _e.EventId = eventId;
        _e.Add(FieldNames.EventId, eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _e.Add(FieldNames.Channel, channel);
        _e.Add(FieldNames.Computer, computer);
        foreach (var (name, value) in data) _e.Add(name, value);
        return _e;
    }

    public static EventFields Logon(Events ev, string computer, double t, string logonId, string user, int type,
        string ip = "-", string workstation = "-", string domain = "CORP", string package = "Negotiate") =>
        ev.Make(Security, 4624, computer, t, ("SubjectLogonId", "0x3e7"), ("TargetUserName", user), ("TargetDomainName", domain),
            ("TargetLogonId", logonId), ("LogonType", type.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("LogonProcessName", "User32 "), ("AuthenticationPackageName", package), ("WorkstationName", workstation),
            ("IpAddress", ip), ("IpPort", "0"));
}
