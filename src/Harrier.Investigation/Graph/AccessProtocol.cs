namespace Harrier.Investigation.Graph;

/// <summary>How an authentication reached its target.</summary>
public enum AccessProtocol
{
    /// <summary>Security 4624/4625 (the logon type says more).</summary>
    Logon,
    /// <summary>Kerberos TGT/service ticket/pre-authentication (4768/4769/4771) on a DC.</summary>
    Kerberos,
    /// <summary>NTLM credential validation (4776).</summary>
    Ntlm,
    /// <summary>RDP network authentication accepted (RemoteConnectionManager 1149) or RDP host logon (LocalSessionManager 21/25).</summary>
    Rdp,
    /// <summary>RD Gateway connection (302).</summary>
    RdGateway,
    /// <summary>Explicit credentials used towards another server (4648), from the source host's log.</summary>
    ExplicitCredentials,
    /// <summary>Outbound RDP connection from the client's log (RDPClient 1024/1102).</summary>
    RdpClient,
}
