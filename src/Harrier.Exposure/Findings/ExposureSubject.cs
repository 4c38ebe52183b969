namespace Harrier.Exposure.Findings;

/// <summary>
/// The object a finding proves something about, with every name a log event may carry for it, so
/// that an alert can be matched against it: accounts by sAMAccountName, UPN, SID and domain (DNS or
/// NetBIOS); endpoints by host name, address and port. Unknown parts are null.
/// </summary>
public sealed record ExposureSubject
{
    public required SubjectKind Kind { get; init; }

    /// <summary>The display name: sAMAccountName for directory objects, host:port for endpoints.</summary>
    public required string Name { get; init; }

    public string? DistinguishedName { get; init; }
    public string? SamAccountName { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? Sid { get; init; }

    /// <summary>The DNS domain name (test.local) of a directory object, or the one an endpoint reported.</summary>
    public string? Domain { get; init; }

    /// <summary>The NetBIOS domain name (TEST), as Windows logon events usually show it.</summary>
    public string? NetbiosDomain { get; init; }

    /// <summary>The host name as given or learned (DNS or NetBIOS computer name).</summary>
    public string? Host { get; init; }

    /// <summary>Every further host name learned for an endpoint (certificate names, NTLM computer names).</summary>
    public IReadOnlyList<string>? HostAliases { get; init; }

    /// <summary>The IP address that was probed.</summary>
    public string? Address { get; init; }

    public int? Port { get; init; }
}
