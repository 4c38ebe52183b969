namespace Harrier.Hunting.Details;

/// <summary>
/// The code-to-words tables Details templates refer to as <c>%Field:table%</c>. Sources: Microsoft's
/// Security auditing event documentation (4624/4625/4768/4769/4771/4776), NTSTATUS values (ntstatus.h),
/// Kerberos error codes (RFC 4120 §7.5.9) and encryption types (RFC 3961/4757, MS-KILE).
/// </summary>
public static class CodeTables
{
    public static readonly CodeTable LogonType = new("logon", false, new Dictionary<string, string>
    {
        ["0"] = "System",
        ["2"] = "Interactive",
        ["3"] = "Network",
        ["4"] = "Batch",
        ["5"] = "Service",
        ["7"] = "Unlock",
        ["8"] = "NetworkCleartext",
        ["9"] = "NewCredentials",
        ["10"] = "RemoteInteractive",
        ["11"] = "CachedInteractive",
        ["12"] = "CachedRemoteInteractive",
        ["13"] = "CachedUnlock",
    });

    /// <summary>NTSTATUS codes of failed logons (4625 Status/SubStatus, 4776 Status).</summary>
    public static readonly CodeTable NtStatus = new("ntstatus", false, new Dictionary<string, string>
    {
        ["0x0"] = "success",
        ["0xC000006A"] = "wrong password",
        ["0xC0000064"] = "unknown user",
        ["0xC000006D"] = "bad user name or password",
        ["0xC000006E"] = "account restriction",
        ["0xC000006F"] = "outside allowed logon hours",
        ["0xC0000070"] = "workstation not allowed",
        ["0xC0000071"] = "password expired",
        ["0xC0000072"] = "account disabled",
        ["0xC00000DC"] = "server in wrong state",
        ["0xC0000133"] = "clock skew with DC",
        ["0xC000015B"] = "logon type not granted",
        ["0xC000018C"] = "trust relationship failed",
        ["0xC0000192"] = "Netlogon service not started",
        ["0xC0000193"] = "account expired",
        ["0xC0000224"] = "password must change",
        ["0xC0000225"] = "Windows bug (not a risk)",
        ["0xC0000234"] = "account locked out",
        ["0xC00002EE"] = "error during logon",
        ["0xC0000371"] = "local account store lacks secret",
        ["0xC0000413"] = "blocked by authentication firewall",
        ["0xC000005E"] = "no logon servers",
        ["0xC0000022"] = "access denied",
    });

    /// <summary>Kerberos result codes (4768/4769/4771 Status).</summary>
    public static readonly CodeTable Kerberos = new("kerberos", false, new Dictionary<string, string>
    {
        ["0x0"] = "success",
        ["0x6"] = "unknown user (client not found)",
        ["0x7"] = "unknown service (server not found)",
        ["0xC"] = "policy rejects request",
        ["0xD"] = "option not allowed",
        ["0xE"] = "encryption type not supported",
        ["0x12"] = "account disabled, expired or locked out",
        ["0x17"] = "password expired",
        ["0x18"] = "wrong password",
        ["0x19"] = "pre-authentication required",
        ["0x1B"] = "must use user-to-user",
        ["0x1F"] = "integrity check failed",
        ["0x20"] = "ticket expired",
        ["0x25"] = "clock skew",
        ["0x3C"] = "generic error",
    });

    /// <summary>Kerberos ticket encryption types (4768/4769 TicketEncryptionType).</summary>
    public static readonly CodeTable Encryption = new("encryption", false, new Dictionary<string, string>
    {
        ["0x1"] = "DES-CBC-CRC",
        ["0x3"] = "DES-CBC-MD5",
        ["0x11"] = "AES128",
        ["0x12"] = "AES256",
        ["0x17"] = "RC4",
        ["0x18"] = "RC4-EXP",
        ["0xFFFFFFFF"] = "failed",
    });

    /// <summary>Kerberos pre-authentication types (4768/4771 PreAuthType).</summary>
    public static readonly CodeTable PreAuth = new("preauth", false, new Dictionary<string, string>
    {
        ["0"] = "none",
        ["2"] = "password (encrypted timestamp)",
        ["11"] = "ETYPE-INFO",
        ["15"] = "smart card",
        ["16"] = "smart card",
        ["17"] = "smart card",
        ["138"] = "FAST encrypted challenge",
    });

    /// <summary>Message-table strings used in Security events (<c>%%NNNN</c>).</summary>
    public static readonly CodeTable Messages = new("messages", true, new Dictionary<string, string>
    {
        ["%%2304"] = "error during logon",
        ["%%2305"] = "account expired",
        ["%%2306"] = "Netlogon not active",
        ["%%2307"] = "account locked out",
        ["%%2308"] = "logon type not granted",
        ["%%2309"] = "password expired",
        ["%%2310"] = "account disabled",
        ["%%2311"] = "outside allowed logon hours",
        ["%%2312"] = "workstation not allowed",
        ["%%2313"] = "unknown user name or bad password",
        ["%%1842"] = "yes",
        ["%%1843"] = "no",
        ["%%1832"] = "Identification",
        ["%%1833"] = "Impersonation",
        ["%%1840"] = "Delegation",
        ["%%1936"] = "full token",
        ["%%1937"] = "elevated token",
        ["%%1938"] = "limited token",
        ["%%8448"] = "success removed",
        ["%%8449"] = "success added",
        ["%%8450"] = "failure removed",
        ["%%8451"] = "failure added",
        ["%%7688"] = "control access",
    });

    /// <summary>Active Directory extended rights seen in 4662 Properties.</summary>
    public static readonly CodeTable DirectoryRights = new("ds-rights", true, new Dictionary<string, string>
    {
        ["%%7688"] = "control access",
        ["{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}"] = "DS-Replication-Get-Changes",
        ["{1131f6ad-9c07-11d1-f79f-00c04fc2dcd2}"] = "DS-Replication-Get-Changes-All",
        ["{89e95b76-444d-4c62-991a-0facbeda640c}"] = "DS-Replication-Get-Changes-In-Filtered-Set",
        ["{19195a5b-6da0-11d0-afd3-00c04fd930c9}"] = "domainDNS",
    });

    /// <summary>Mandatory integrity labels (4688 MandatoryLabel).</summary>
    public static readonly CodeTable Integrity = new("integrity", false, new Dictionary<string, string>
    {
        ["S-1-16-0"] = "Untrusted",
        ["S-1-16-4096"] = "Low",
        ["S-1-16-8192"] = "Medium",
        ["S-1-16-8448"] = "Medium Plus",
        ["S-1-16-12288"] = "High",
        ["S-1-16-16384"] = "System",
    });

    static readonly Dictionary<string, CodeTable> ByName =
        new[] { LogonType, NtStatus, Kerberos, Encryption, PreAuth, Messages, DirectoryRights, Integrity }
            .ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    public static CodeTable? Find(string name) => ByName.GetValueOrDefault(name);
}
