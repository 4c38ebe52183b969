namespace Harrier.Investigation.Sessions;

/// <summary>How a logon session's end is known.</summary>
public enum LogonEndReason
{
    /// <summary>No end event before the end of the log: the session was still open.</summary>
    StillOpen,
    /// <summary>Security 4634 (logoff).</summary>
    Logoff,
    /// <summary>Security 4647 (user-initiated logoff).</summary>
    UserLogoff,
    /// <summary>A new 4624 reused the same (computer, logon id) before any logoff was logged (e.g. a reboot).</summary>
    Superseded,
}
