namespace Harrier.Exposure.Findings;

/// <summary>
/// Looks up the findings that concern an account or a host named the way log events name them:
/// accounts as "user", "DOMAIN\user" or "user@domain.fqdn" (case-insensitive; the domain, when
/// given, must match the finding's DNS or NetBIOS domain) or by SID; hosts as a host name, FQDN (its
/// first label also matches) or IP address. Results keep the findings' order.
/// </summary>
public sealed class ExposureIndex
{
    readonly Dictionary<string, List<ExposureFinding>> _accounts = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, List<ExposureFinding>> _hosts = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, List<ExposureFinding>> _sids = new(StringComparer.OrdinalIgnoreCase);

    public ExposureIndex(IEnumerable<ExposureFinding> findings)
    {
        foreach (var f in findings)
        {
            var s = f.Subject;
            if (s.Kind is SubjectKind.Account or SubjectKind.Computer)
            {
                Add(_accounts, s.SamAccountName, f);
                Add(_accounts, s.UserPrincipalName, f);
                Add(_sids, s.Sid, f);
                if (s.Kind == SubjectKind.Computer && s.SamAccountName is { } sam)
                    Add(_hosts, sam.TrimEnd('$'), f);   // SRV01$ is the account of host SRV01
            }
            if (s.Kind == SubjectKind.Endpoint)
            {
                AddHost(s.Host, f);
                AddHost(s.Address, f);
                foreach (var alias in s.HostAliases ?? []) AddHost(alias, f);
            }
        }
    }

    /// <summary>The findings about <paramref name="account"/>; <paramref name="domain"/> may be null.</summary>
    public IReadOnlyList<ExposureFinding> FindAccount(string account, string? domain = null)
    {
        var name = account.Trim();
        var slash = name.IndexOf('\\');
        if (slash >= 0)
        {
            domain ??= name[..slash];
            name = name[(slash + 1)..];
        }
        List<ExposureFinding>? hits;
        if (!_accounts.TryGetValue(name, out hits))
        {
            var at = name.LastIndexOf('@');
            if (at <= 0 || !_accounts.TryGetValue(name[..at], out hits)) return [];
            domain ??= name[(at + 1)..];
        }
        if (string.IsNullOrEmpty(domain) || domain == "-") return hits;
        return hits.Where(f => DomainMatches(f.Subject, domain)).ToList();
    }

    /// <summary>The findings about the account or computer with this SID (S-1-5-21-…).</summary>
    public IReadOnlyList<ExposureFinding> FindSid(string sid) =>
        _sids.TryGetValue(sid.Trim(), out var hits) ? hits : [];

    /// <summary>The findings about the host (name, FQDN or address; a trailing ":port" is ignored).</summary>
    public IReadOnlyList<ExposureFinding> FindHost(string hostOrAddress)
    {
        var key = NormalizeHost(hostOrAddress);
        if (key.Length == 0) return [];
        if (_hosts.TryGetValue(key, out var hits)) return hits;
        var dot = key.IndexOf('.');
        if (dot > 0 && !System.Net.IPAddress.TryParse(key, out _) && _hosts.TryGetValue(key[..dot], out hits)) return hits;
        return [];
    }

    static bool DomainMatches(ExposureSubject s, string domain)
    {
        if (s.Domain is null && s.NetbiosDomain is null) return true;
        if (string.Equals(domain, s.NetbiosDomain, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(domain, s.Domain, StringComparison.OrdinalIgnoreCase)) return true;
        // Some events carry the DNS domain's first label (TEST for test.local) without a NetBIOS name known.
        return s.Domain is { } dns && dns.Split('.')[0].Equals(domain, StringComparison.OrdinalIgnoreCase);
    }

    void AddHost(string? host, ExposureFinding f)
    {
        if (host is null) return;
        var key = NormalizeHost(host);
        if (key.Length == 0) return;
        Add(_hosts, key, f);
        var dot = key.IndexOf('.');
        if (dot > 0 && !System.Net.IPAddress.TryParse(key, out _)) Add(_hosts, key[..dot], f);
    }

    static string NormalizeHost(string host)
    {
        var h = host.Trim().TrimStart('\\').TrimEnd('.');
        if (h.StartsWith('[') && h.IndexOf(']') is var close and > 0) return h[1..close];   // [v6]:port
        if (h.Count(c => c == ':') == 1) h = h[..h.IndexOf(':')];                          // host:port
        return h;
    }

    static void Add(Dictionary<string, List<ExposureFinding>> map, string? key, ExposureFinding f)
    {
        if (string.IsNullOrEmpty(key)) return;
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(f)) list.Add(f);
    }
}
