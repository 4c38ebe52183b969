namespace Harrier.Investigation.Sessions;

/// <summary>
/// An RDP session as seen by the host (LocalSessionManager 21 logon … 23 logoff, keyed by
/// (computer, session id)) or by an RD Gateway (302 … 303), linked to the network authentication
/// that preceded it (RemoteConnectionManager 1149) and to its Security logon session.
/// </summary>
public sealed class RdpSession
{
    readonly List<SessionActivity> _activity = [];

    public required RdpSessionKind Kind { get; init; }
    public required string Computer { get; init; }
    /// <summary>LocalSessionManager SessionID; −1 for gateway connections.</summary>
    public required int SessionId { get; init; }
    public required string Account { get; init; }
    /// <summary>Client address ("LOCAL" for console sessions, as the event says).</summary>
    public string? SourceAddress { get; init; }
    /// <summary>For gateway connections: the internal host the client asked for.</summary>
    public string? Resource { get; init; }
    public required long Start { get; init; }
    public required ulong StartRecordId { get; init; }
    /// <summary>FILETIME of 23 (logoff) or 303 (gateway disconnect); 0 when still open.</summary>
    public long End { get; internal set; }
    /// <summary>FILETIME of the matching RemoteConnectionManager 1149 (authentication succeeded); 0 when none.</summary>
    public long AuthenticatedAt { get; internal set; }
    /// <summary>The linked Security logon session (same computer), or null.</summary>
    public LogonSession? Logon { get; internal set; }
    public IReadOnlyList<SessionActivity> Activity => _activity;
    public int ActivityDropped { get; private set; }
    public bool IsOpen => End == 0;

    internal void AddActivity(in SessionActivity a)
    {
        if (_activity.Count < LogonSession.MaxActivity) _activity.Add(a);
        else ActivityDropped++;
    }
}
