using System.Net;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary><c>cidr</c>: the value parsed as an IPv4 or IPv6 address inside the network.</summary>
internal sealed class CidrPredicate(IPNetwork network) : ValuePredicate
{
    public IPNetwork Network => network;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        value = value.Trim();
        if (value.Length > 2 && value[0] == '[' && value[^1] == ']') value = value[1..^1];
        if (!IPAddress.TryParse(value, out var address)) return false;
        if (address.IsIPv4MappedToIPv6 && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            address = address.MapToIPv4();
        if (address.AddressFamily != network.BaseAddress.AddressFamily) return false;
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0) address.ScopeId = 0;
        return network.Contains(address);
    }
}
