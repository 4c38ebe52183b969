namespace Harrier.Exposure.Rdp;

/// <summary>How the server answered one Connection Request.</summary>
public enum NegotiationOutcome
{
    /// <summary>RDP_NEG_RSP: the server selected <see cref="RdpNegotiation.Selected"/>.</summary>
    Selected,

    /// <summary>RDP_NEG_FAILURE: the server refused the offer (<see cref="RdpNegotiation.FailureCode"/>).</summary>
    Refused,

    /// <summary>A Connection Confirm without negotiation data: a legacy server that speaks only standard RDP security.</summary>
    LegacyStandardRdp,

    /// <summary>No valid answer (see <see cref="RdpNegotiation.Error"/>).</summary>
    Error,
}

/// <summary>One offer of security protocols and what the server did with it.</summary>
public sealed record RdpNegotiation
{
    /// <summary>The protocol set offered: "RDP", "TLS", "CredSSP" or "CredSSP+EarlyUserAuth".</summary>
    public required string Offer { get; init; }
    public required RdpProtocols Requested { get; init; }
    public required NegotiationOutcome Outcome { get; init; }

    /// <summary>The protocol the server selected (also for a legacy confirm: standard RDP).</summary>
    public RdpProtocols? Selected { get; init; }
    public string? SelectedName => Selected is { } s ? RdpProtocolNames.Of(s) : null;

    /// <summary>True when the server selected something the client did not offer.</summary>
    public bool SelectedNotOffered => Selected is { } s && s != RdpProtocols.StandardRdp && (s & Requested) != s;

    public uint? FailureCode { get; init; }
    public string? FailureName => FailureCode is { } c ? RdpFailureCodes.Name(c) : null;
    public string? Error { get; init; }

    /// <summary>True when the server let this connection go on without CredSSP.</summary>
    public bool AcceptedWithoutNla => Outcome is NegotiationOutcome.LegacyStandardRdp
        || (Outcome == NegotiationOutcome.Selected && Selected is { } s && !RdpProtocolNames.IsNla(s));
}

/// <summary>RDP_NEG_FAILURE codes (MS-RDPBCGR 2.2.1.2.2).</summary>
public static class RdpFailureCodes
{
    public static string Name(uint code) => code switch
    {
        1 => "SSL_REQUIRED_BY_SERVER",
        2 => "SSL_NOT_ALLOWED_BY_SERVER",
        3 => "SSL_CERT_NOT_ON_SERVER",
        4 => "INCONSISTENT_FLAGS",
        5 => "HYBRID_REQUIRED_BY_SERVER",
        6 => "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER",
        _ => $"UNKNOWN_{code}",
    };
}
