using System.Net;

namespace Harrier.Hunting.Alerts;

/// <summary>
/// Which alert fields <see cref="ExposureLinker"/> compares with exposure findings, in the order they are tried
/// (the first field that names a finding's subject is the one the note shows), and which values never link.
/// </summary>
public static class ExposureLinkFields
{
    /// <summary>Account name fields, each with the field holding its domain (null: any domain).</summary>
    public static readonly IReadOnlyList<(string Name, string? Domain)> AccountFields =
    [
        ("TargetUserName", "TargetDomainName"),   // 4624/4625/4768/4771/4776 and most Security events
        ("ServiceName", ComputerDomain),          // 4769: the service account a ticket was asked for (Kerberoasting)
        ("SubjectUserName", "SubjectDomainName"), // the acting account
        ("SamAccountName", "TargetDomainName"),   // 4720/4738
        ("AccountName", "AccountDomain"),
        ("User", null),                           // LocalSessionManager and Sysmon: DOMAIN\user
        ("UserName", null),
    ];

    /// <summary>
    /// Stands for "the DNS domain of the event's Computer" (DC01.corp.example → corp.example): a 4769 is logged by a
    /// DC of the service account's domain, while its TargetDomainName is the requester's.
    /// </summary>
    public const string ComputerDomain = "(Computer's domain)";

    /// <summary>TerminalServices-RemoteConnectionManager 1149: Param1 user, Param2 domain, Param3 source address.</summary>
    static readonly (string Name, string? Domain)[] RcmAccount = [("Param1", "Param2")];

    /// <summary>SID fields, matched against the findings' objectSid (domain SIDs only: S-1-5-21-…).</summary>
    public static readonly IReadOnlyList<string> Sids = ["TargetUserSid", "TargetSid", "SubjectUserSid", "ServiceSid"];

    /// <summary>Host fields besides the event's own <c>Computer</c> (which is tried first).</summary>
    public static readonly IReadOnlyList<string> HostFields =
    [
        "IpAddress", "ClientAddress", "WorkstationName", "Workstation", "TargetServerName",
        "Address",                                // LocalSessionManager 21/22/25: source address
        "DestinationIp", "DestinationHostname",   // Sysmon 3: a connection to the exposed host
    ];

    internal static IEnumerable<(string Name, string? Domain)> Accounts(Alert a) =>
        IsRcm(a) ? AccountFields.Concat(RcmAccount) : AccountFields;

    internal static IEnumerable<string> Hosts(Alert a) => IsRcm(a) ? HostFields.Append("Param3") : HostFields;

    static bool IsRcm(Alert a) => a.Provider.Contains("RemoteConnectionManager", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// False for empty and placeholder values (<c>-</c>), and for <c>krbtgt</c> as a ServiceName: every TGT
    /// request (4768) and renewal names it, so it says nothing about the alert.
    /// </summary>
    /// <summary>The domain an account field's value belongs to, from its domain field; null when unknown.</summary>
    internal static string? DomainOf(Alert a, string? domainField)
    {
        if (domainField is null) return null;
        if (domainField == ComputerDomain)
        {
            var dot = a.Computer.IndexOf('.');
            return dot > 0 && dot < a.Computer.Length - 1 ? a.Computer[(dot + 1)..] : null;
        }
        var d = a.Field(domainField);
        return string.IsNullOrWhiteSpace(d) ? null : d;
    }

    internal static bool IsAccountName(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() is "-" or ".") return false;
        return !(field == "ServiceName" && value.StartsWith("krbtgt", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Accounts every Windows machine and domain has: without a domain in the event they link to nothing.</summary>
    public static readonly IReadOnlyList<string> BuiltInAccounts = ["Administrator", "Guest", "DefaultAccount", "WDAGUtilityAccount"];

    /// <summary>True for a bare built-in name (no <c>DOMAIN\</c>, no <c>@domain</c>): the event must say which domain.</summary>
    internal static bool NeedsDomain(string name)
    {
        var n = name.Trim();
        return n.IndexOfAny(['\\', '@']) < 0 && BuiltInAccounts.Contains(n, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The host to look up, or null for values that name the event's own machine or nothing: empty, <c>-</c>,
    /// loopback and unspecified addresses, <c>localhost</c>. IPv4-mapped IPv6 (<c>::ffff:10.0.0.5</c>) becomes IPv4.
    /// </summary>
    public static string? HostKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().TrimStart('\\');
        if (v is "-" or "" || v.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return null;
        if (IPAddress.TryParse(v, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.IPv6None)) return null;
            return ip.ToString();
        }
        return v;
    }
}
