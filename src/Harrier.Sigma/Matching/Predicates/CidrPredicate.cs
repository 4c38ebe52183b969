using System.Net;
using System.Net.Sockets;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary><c>cidr</c>: the value parsed as an IPv4 or IPv6 address inside the network.</summary>
internal sealed class CidrPredicate : ValuePredicate
{
    readonly IPNetwork _network;
    readonly bool _v4;
    readonly uint _base, _mask; // IPv4 networks: the base address and the prefix's mask, host order

    public CidrPredicate(IPNetwork network)
    {
        _network = network;
        _v4 = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        if (!_v4) return;
        Span<byte> bytes = stackalloc byte[4];
        network.BaseAddress.TryWriteBytes(bytes, out _);
        _base = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        _mask = network.PrefixLength == 0 ? 0 : uint.MaxValue << (32 - network.PrefixLength);
    }

    public IPNetwork Network => _network;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        value = value.Trim();
        // the common case, a plain dotted quad against an IPv4 network, without an IPAddress per value
        if (_v4 && TryDottedQuad(value, out var v4)) return ((v4 ^ _base) & _mask) == 0;
        return IsMatchSlow(value);
    }

    internal bool IsMatchSlow(ReadOnlySpan<char> value)
    {
        if (value.Length > 2 && value[0] == '[' && value[^1] == ']') value = value[1..^1];
        if (!IPAddress.TryParse(value, out var address)) return false;
        if (address.IsIPv4MappedToIPv6 && _v4) address = address.MapToIPv4();
        if (address.AddressFamily != _network.BaseAddress.AddressFamily) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0) address.ScopeId = 0;
        return _network.Contains(address);
    }

    /// <summary>
    /// Four decimal numbers 0–255 without leading zeros, separated by dots (what <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>
    /// reads the same way); anything else (leading zeros, which it reads as octal, fewer parts, hex) is left to it.
    /// </summary>
    internal static bool TryDottedQuad(ReadOnlySpan<char> s, out uint address)
    {
        address = 0;
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            uint part = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 3) part = part * 10 + (uint)(s[i++] - '0');
            var digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && s[start] == '0')) return false;
            address = (address << 8) | part;
            if (++parts == 4) return i == s.Length;
            if (i >= s.Length || s[i] != '.') return false;
            i++;
        }
    }
}
