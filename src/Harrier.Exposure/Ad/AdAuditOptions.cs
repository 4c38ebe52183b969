namespace Harrier.Exposure.Ad;

/// <summary>How the LDAP connection is protected.</summary>
public enum LdapTransport
{
    /// <summary>Plain LDAP (389): only with Kerberos, which signs and seals the session itself.</summary>
    Plain,

    /// <summary>LDAP over TLS (636).</summary>
    Ldaps,

    /// <summary>StartTLS on 389.</summary>
    StartTls,
}

/// <summary>Settings of an AD audit. The password is not part of them: it is passed to <see cref="AdAuditor"/> alone.</summary>
public sealed record AdAuditOptions
{
    public required string Server { get; init; }
    public int? Port { get; init; }
    public LdapTransport Transport { get; init; } = LdapTransport.Ldaps;

    /// <summary>Bind with Kerberos (SASL GSSAPI) from the caller's ticket cache instead of a simple bind.</summary>
    public bool Kerberos { get; init; }

    /// <summary>The bind name for a simple bind (user@domain or a DN).</summary>
    public string? User { get; init; }
    public required string BaseDn { get; init; }

    /// <summary>A directory of trusted CA certificates (OpenSSL hashed); otherwise the LDAPTLS_* environment and system store apply.</summary>
    public string? CaDirectory { get; init; }
    public int PageSize { get; init; } = 500;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An enabled account with no logon (and no password change) for this long is inactive.</summary>
    public int InactiveDays { get; init; } = 180;

    /// <summary>A privileged account's password older than this is reported.</summary>
    public int PrivilegedPasswordMaxAgeDays { get; init; } = 3 * 365;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int EffectivePort => Port ?? (Transport == LdapTransport.Ldaps ? 636 : 389);
}
