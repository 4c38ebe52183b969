namespace Harrier.Investigation;

/// <summary>Comparing host and account names as Windows logs spell them.</summary>
static class HostNames
{
    /// <summary>The first DNS label, upper-cased meaning ("PC01.example.corp" → "PC01").</summary>
    public static ReadOnlySpan<char> Short(ReadOnlySpan<char> host)
    {
        host = host.Trim();
        if (System.Net.IPAddress.TryParse(host, out _)) return host;
        var dot = host.IndexOf('.');
        return dot > 0 ? host[..dot] : host;
    }

    public static bool SameHost(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        Short(a).Equals(Short(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>The user of "DOMAIN\user" or "user@realm".</summary>
    public static ReadOnlySpan<char> UserPart(string account)
    {
        var s = account.AsSpan();
        var slash = s.LastIndexOf('\\');
        if (slash >= 0) s = s[(slash + 1)..];
        var at = s.IndexOf('@');
        return at > 0 ? s[..at] : s;
    }
}
