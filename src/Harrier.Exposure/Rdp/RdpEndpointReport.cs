using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Rdp;

/// <summary>Everything one RDP target answered: the negotiations, the certificate and the NTLM names.</summary>
public sealed record RdpEndpointReport
{
    /// <summary>The target as the user wrote it (for a CIDR: the address it expanded to).</summary>
    public required string Target { get; init; }
    public required string Host { get; init; }
    public string? Address { get; init; }
    public required int Port { get; init; }
    public required IReadOnlyList<RdpNegotiation> Negotiations { get; init; }
    public TlsCertificateInfo? Certificate { get; init; }
    public NtlmTargetInfo? Ntlm { get; init; }

    /// <summary>Why this target could not be audited (refused, timeout, not RDP…); null when it answered.</summary>
    public ExposureError? Error { get; init; }

    /// <summary>How long probing this target took, in seconds (millisecond precision).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Problems after the negotiation (TLS handshake, CredSSP) that did not stop the audit.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
