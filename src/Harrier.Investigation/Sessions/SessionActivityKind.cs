namespace Harrier.Investigation.Sessions;

/// <summary>Something that happened inside a logon or RDP session.</summary>
public enum SessionActivityKind
{
    /// <summary>RDP reconnect: Security 4778, LocalSessionManager 25.</summary>
    Reconnect,
    /// <summary>RDP disconnect: Security 4779, LocalSessionManager 24, 39, 40.</summary>
    Disconnect,
    /// <summary>Workstation locked (4800).</summary>
    Lock,
    /// <summary>Workstation unlocked (4801).</summary>
    Unlock,
    /// <summary>Shell start (LocalSessionManager 22).</summary>
    ShellStart,
    /// <summary>Explicit credentials used from this session (4648); Detail names the target.</summary>
    ExplicitCredentials,
}
