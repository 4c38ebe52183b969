namespace Harrier.Exposure.Rdp;

/// <summary>What an NTLM CHALLENGE disclosed to an unauthenticated client (MS-NLMP 2.2.1.2, 2.2.2.1).</summary>
public sealed record NtlmTargetInfo
{
    public string? TargetName { get; init; }
    public string? NetbiosComputerName { get; init; }
    public string? NetbiosDomainName { get; init; }
    public string? DnsComputerName { get; init; }
    public string? DnsDomainName { get; init; }

    /// <summary>The forest (MsvAvDnsTreeName).</summary>
    public string? DnsTreeName { get; init; }

    /// <summary>major.minor.build from the Version field, e.g. 10.0.20348.</summary>
    public string? OsVersion { get; init; }

    /// <summary>The server clock (MsvAvTimestamp).</summary>
    public DateTimeOffset? ServerTime { get; init; }
}
