using System.Net;
using System.Net.Sockets;

namespace Harrier.Investigation.Graph;

/// <summary>Classifying source addresses.</summary>
public static class NetAddress
{
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        text = text.Trim();
        if (text.IsEmpty || !IPAddress.TryParse(text, out var a)) return false;
        address = a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
        return true;
    }

    /// <summary>A routable public address: not private (RFC 1918, fc00::/7), loopback, link-local, CGNAT or unspecified.</summary>
    public static bool IsExternal(ReadOnlySpan<char> text)
    {
        if (!TryParse(text, out var a)) return false;
        if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)) return false;
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6UniqueLocal || a.IsIPv6Multicast) return false;
            return true;
        }
        Span<byte> b = stackalloc byte[4];
        a.TryWriteBytes(b, out _);
        return !(b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0 || b[0] >= 224);
    }
}
