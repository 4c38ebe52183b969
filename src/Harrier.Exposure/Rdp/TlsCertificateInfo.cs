namespace Harrier.Exposure.Rdp;

/// <summary>The certificate an RDP server presented in its TLS handshake, and the handshake's parameters.</summary>
public sealed record TlsCertificateInfo
{
    public required string Subject { get; init; }
    public string? CommonName { get; init; }
    public required IReadOnlyList<string> DnsNames { get; init; }
    public required IReadOnlyList<string> IpAddresses { get; init; }
    public required string Issuer { get; init; }
    public required bool SelfSigned { get; init; }
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset NotAfter { get; init; }
    public required string KeyAlgorithm { get; init; }
    public int? KeySize { get; init; }
    public required string Sha256 { get; init; }
    public string? TlsVersion { get; init; }
    public string? CipherSuite { get; init; }

    /// <summary>The host names the certificate carries: its CN (when it is a name) and its DNS SANs, distinct.</summary>
    public IEnumerable<string> HostNames()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (CommonName is { Length: > 0 } cn && !System.Net.IPAddress.TryParse(cn, out _) && seen.Add(cn)) yield return cn;
        foreach (var n in DnsNames) if (seen.Add(n)) yield return n;
    }
}
