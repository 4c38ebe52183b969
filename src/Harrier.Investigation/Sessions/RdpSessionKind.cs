namespace Harrier.Investigation.Sessions;

public enum RdpSessionKind
{
    /// <summary>A TerminalServices-LocalSessionManager session (21 … 23) on the RDP host.</summary>
    Host,
    /// <summary>An RD Gateway connection (302 … 303) relayed to <see cref="RdpSession.Resource"/>.</summary>
    Gateway,
}
