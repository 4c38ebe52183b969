namespace Harrier.Exposure.Ad;

/// <summary>What one read of the domain returned: the accounts, the groups and the domain's names.</summary>
public sealed record AdSnapshot
{
    public required string BaseDn { get; init; }

    /// <summary>The DNS name of the domain (from the base DN's DC= parts, e.g. test.local).</summary>
    public required string DnsDomain { get; init; }

    /// <summary>The NetBIOS name from the crossRef in CN=Partitions, when readable (e.g. TEST).</summary>
    public string? NetbiosDomain { get; init; }
    public string? DomainSid { get; init; }
    public required IReadOnlyList<AdAccount> Accounts { get; init; }
    public required IReadOnlyList<AdGroup> Groups { get; init; }
}
