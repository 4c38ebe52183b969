using System.Globalization;
using Harrier.Investigation.Sessions;

namespace Harrier.Investigation.Export;

/// <summary>The flat row forms of sessions, RDP sessions and failure groups (one column list for table, CSV, JSONL, DuckDB).</summary>
public static class SessionRows
{
    public static readonly string[] SessionColumns =
        ["start", "end", "end_reason", "computer", "logon_id", "logon_type", "account", "account_sid", "source_address",
         "source_port", "source_workstation", "auth_package", "logon_process", "elevated", "rdp_session_id",
         "reconnects", "disconnects", "record_id"];

    public static readonly string[] RdpColumns =
        ["start", "end", "kind", "computer", "session_id", "account", "source_address", "resource", "authenticated_at",
         "logon_id", "reconnects", "disconnects", "record_id"];

    public static readonly string[] FailureColumns =
        ["first", "last", "count", "source", "account", "target", "reasons", "event_ids"];

    static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string?[] Row(LogonSession s) =>
    [
        FileTimeText.Format(s.Start), FileTimeText.Format(s.End), EndReasonText(s.EndReason), s.Computer, s.LogonIdText,
        I(s.LogonType), s.Account, s.AccountSid, s.SourceAddress, s.SourcePort, s.SourceWorkstation, s.AuthPackage,
        s.LogonProcess, s.Elevated ? "true" : "false", s.RdpSessionId < 0 ? null : I(s.RdpSessionId),
        I(Count(s.Activity, SessionActivityKind.Reconnect)), I(Count(s.Activity, SessionActivityKind.Disconnect)),
        s.StartRecordId.ToString(CultureInfo.InvariantCulture),
    ];

    public static string?[] Row(RdpSession s) =>
    [
        FileTimeText.Format(s.Start), FileTimeText.Format(s.End), s.Kind == RdpSessionKind.Host ? "host" : "gateway",
        s.Computer, s.SessionId < 0 ? null : I(s.SessionId), s.Account, s.SourceAddress, s.Resource,
        FileTimeText.Format(s.AuthenticatedAt), s.Logon?.LogonIdText,
        I(Count(s.Activity, SessionActivityKind.Reconnect)), I(Count(s.Activity, SessionActivityKind.Disconnect)),
        s.StartRecordId.ToString(CultureInfo.InvariantCulture),
    ];

    public static string?[] Row(LogonFailure f) =>
    [
        FileTimeText.Format(f.First), FileTimeText.Format(f.Last), I(f.Count), f.Source, f.Account, f.Target,
        string.Join(' ', f.Reasons), string.Join(' ', f.EventIds),
    ];

    public static string EndReasonText(LogonEndReason r) => r switch
    {
        LogonEndReason.StillOpen => "open",
        LogonEndReason.Logoff => "logoff",
        LogonEndReason.UserLogoff => "user-logoff",
        LogonEndReason.Superseded => "superseded",
        _ => r.ToString(),
    };

    static long Count(IReadOnlyList<SessionActivity> list, SessionActivityKind kind)
    {
        var n = 0L;
        foreach (var a in list) if (a.Kind == kind) n++;
        return n;
    }
}
