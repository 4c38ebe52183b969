namespace Harrier.Exposure.Ad;

/// <summary>A user or computer account as read from the directory (only what the rules need).</summary>
public sealed record AdAccount
{
    public required string DistinguishedName { get; init; }
    public required string SamAccountName { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? Sid { get; init; }
    public required bool IsComputer { get; init; }
    public required UserAccountControl Uac { get; init; }
    public IReadOnlyList<string> ServicePrincipalNames { get; init; } = [];
    public IReadOnlyList<string> AllowedToDelegateTo { get; init; } = [];
    public KerberosEncryptionTypes? SupportedEncryptionTypes { get; init; }

    /// <summary>pwdLastSet; null when 0 (must change at next logon) or absent.</summary>
    public DateTimeOffset? PasswordLastSet { get; init; }

    /// <summary>lastLogonTimestamp (replicated, up to ~14 days behind); null when the account never logged on.</summary>
    public DateTimeOffset? LastLogon { get; init; }
    public DateTimeOffset? WhenCreated { get; init; }
    public int? AdminCount { get; init; }
    public int? PrimaryGroupId { get; init; }

    public bool Enabled => !Uac.HasFlag(UserAccountControl.AccountDisable);
    public bool Has(UserAccountControl flag) => (Uac & flag) == flag;

    /// <summary>The relative id: the last part of the SID (500 Administrator, 501 Guest, 502 krbtgt).</summary>
    public uint? Rid => Sid is { } s && uint.TryParse(s.AsSpan(s.LastIndexOf('-') + 1), out var rid) ? rid : null;

    public bool IsKrbtgt => Rid == 502 || SamAccountName.Equals("krbtgt", StringComparison.OrdinalIgnoreCase)
        || SamAccountName.StartsWith("krbtgt_", StringComparison.OrdinalIgnoreCase);
}
