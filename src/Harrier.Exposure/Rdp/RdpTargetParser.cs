using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Harrier.Exposure.Rdp;

/// <summary>
/// Turns target specs into host:port pairs: HOST, HOST:PORT, [IPv6]:PORT, a bare IPv6 address, or a
/// CIDR block (optionally ":PORT" after an IPv4 block). A CIDR expands only when its host count fits
/// the explicit cap, so a typo cannot turn into a scan of someone else's network.
/// </summary>
public static class RdpTargetParser
{
    /// <summary>Parses every spec in order, dropping exact duplicates; throws <see cref="FormatException"/> naming the bad spec.</summary>
    public static IReadOnlyList<RdpTarget> Parse(IEnumerable<string> specs, int defaultPort, int maxCidrHosts)
    {
        var result = new List<RdpTarget>();
        var seen = new HashSet<(string, int)>();
        int cidrHosts = 0;
        foreach (var raw in specs)
        {
            var spec = raw.Trim();
            if (spec.Length == 0 || spec.StartsWith('#')) continue;
            foreach (var t in ParseOne(spec, defaultPort, maxCidrHosts, ref cidrHosts))
                if (seen.Add((t.Host.ToLowerInvariant(), t.Port))) result.Add(t);
        }
        return result;
    }

    /// <summary>Reads a targets file: one spec per line, blank lines and # comments ignored.</summary>
    public static IEnumerable<string> ReadFile(string path) =>
        File.ReadLines(path).Select(l => l.Split('#', 2)[0].Trim()).Where(l => l.Length > 0);

    static IEnumerable<RdpTarget> ParseOne(string spec, int defaultPort, int maxCidrHosts, ref int cidrHosts)
    {
        var slash = spec.IndexOf('/');
        if (slash >= 0) return ParseCidr(spec, slash, defaultPort, maxCidrHosts, ref cidrHosts);

        string host = spec;
        int port = defaultPort;
        if (spec.StartsWith('['))
        {
            int close = spec.IndexOf(']');
            if (close < 0) throw new FormatException($"target '{spec}': missing ']'");
            host = spec[1..close];
            var rest = spec[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') throw new FormatException($"target '{spec}': expected ':PORT' after ']'");
                port = ParsePort(spec, rest[1..]);
            }
        }
        else if (spec.Count(c => c == ':') == 1)
        {
            int colon = spec.IndexOf(':');
            host = spec[..colon];
            port = ParsePort(spec, spec[(colon + 1)..]);
        }
        else if (spec.Contains(':') && !IPAddress.TryParse(spec, out _))
            throw new FormatException($"target '{spec}': not a host, host:port or address");
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or '@'))
            throw new FormatException($"target '{spec}': '{host}' is not a host name or address");
        return [new RdpTarget(spec, host, port)];
    }

    static IEnumerable<RdpTarget> ParseCidr(string spec, int slash, int defaultPort, int maxCidrHosts, ref int cidrHosts)
    {
        var addressText = spec[..slash];
        var rest = spec[(slash + 1)..];
        int port = defaultPort;
        int colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            port = ParsePort(spec, rest[(colon + 1)..]);
            rest = rest[..colon];
        }
        if (!IPAddress.TryParse(addressText, out var network))
            throw new FormatException($"target '{spec}': '{addressText}' is not an IP address");
        int bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) || prefix > bits)
            throw new FormatException($"target '{spec}': prefix length '{rest}' is not 0..{bits}");

        int hostBits = bits - prefix;
        UInt128 size = hostBits >= 127 ? UInt128.MaxValue : (UInt128)1 << hostBits;
        // Network and broadcast addresses are skipped in IPv4 blocks larger than /31.
        bool skipEnds = bits == 32 && hostBits >= 2;
        UInt128 count = skipEnds ? size - 2 : size;
        if (count > (UInt128)(long)Math.Max(0, maxCidrHosts - cidrHosts))
            throw new FormatException(
                $"target '{spec}' expands to {count} hosts; the cap is {maxCidrHosts} in all (raise it with --max-hosts)");
        cidrHosts += (int)count;

        var bytes = network.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes) value = (value << 8) | b;
        UInt128 mask = hostBits == 0 ? 0 : hostBits >= 128 ? UInt128.MaxValue : ((UInt128)1 << hostBits) - 1;
        UInt128 first = value & ~mask;
        var list = new List<RdpTarget>((int)count);
        for (UInt128 i = skipEnds ? 1u : 0u; i < (skipEnds ? size - 1 : size); i++)
        {
            var v = first + i;
            var ab = new byte[bytes.Length];
            for (int k = ab.Length - 1; k >= 0; k--, v >>= 8) ab[k] = (byte)(v & 0xFF);
            var address = new IPAddress(ab).ToString();
            list.Add(new RdpTarget(address, address, port));
        }
        return list;
    }

    static int ParsePort(string spec, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new FormatException($"target '{spec}': port '{text}' is not 1..65535");
        return port;
    }
}
