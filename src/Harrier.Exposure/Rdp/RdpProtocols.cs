namespace Harrier.Exposure.Rdp;

/// <summary>
/// The security protocols of an RDP Negotiation Request/Response (MS-RDPBCGR 2.2.1.1.1
/// requestedProtocols, 2.2.1.2.1 selectedProtocol). Zero is standard RDP security.
/// </summary>
[Flags]
public enum RdpProtocols : uint
{
    /// <summary>PROTOCOL_RDP: standard RDP security (RC4, no server authentication).</summary>
    StandardRdp = 0,

    /// <summary>PROTOCOL_SSL: TLS, the user authenticates only after the session starts.</summary>
    Tls = 0x1,

    /// <summary>PROTOCOL_HYBRID: CredSSP, i.e. Network Level Authentication.</summary>
    CredSsp = 0x2,

    /// <summary>PROTOCOL_RDSTLS.</summary>
    RdsTls = 0x4,

    /// <summary>PROTOCOL_HYBRID_EX: CredSSP with the Early User Authorization Result PDU.</summary>
    CredSspEarlyUserAuth = 0x8,

    /// <summary>PROTOCOL_RDSAAD.</summary>
    RdsAad = 0x10,
}

/// <summary>Display names for <see cref="RdpProtocols"/> values.</summary>
public static class RdpProtocolNames
{
    public static string Of(RdpProtocols p) => p switch
    {
        RdpProtocols.StandardRdp => "RDP",
        RdpProtocols.Tls => "TLS",
        RdpProtocols.CredSsp => "CredSSP",
        RdpProtocols.RdsTls => "RDSTLS",
        RdpProtocols.CredSspEarlyUserAuth => "CredSSP+EarlyUserAuth",
        RdpProtocols.RdsAad => "RDSAAD",
        _ => string.Join("|", Enum.GetValues<RdpProtocols>().Where(f => f != 0 && p.HasFlag(f)).Select(Of)),
    };

    /// <summary>True for the CredSSP protocols (NLA: the user authenticates before a session exists).</summary>
    public static bool IsNla(RdpProtocols p) => p is RdpProtocols.CredSsp or RdpProtocols.CredSspEarlyUserAuth;
}
