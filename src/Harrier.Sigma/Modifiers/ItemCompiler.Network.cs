using System.Net;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Modifiers;

// cidr (IPv4 and IPv6)
internal sealed partial class ItemCompiler
{
    void ApplyCidr(int position)
    {
        if (position != 0) Fail("'cidr' must be the first modifier");
        _kind = ValueKind.Cidr;
    }

    List<ValuePredicate> BuildCidrPredicates()
    {
        var list = new List<ValuePredicate>();
        foreach (var text in _texts)
        {
            var t = text.Trim();
            if (!t.Contains('/')) t += t.Contains(':') ? "/128" : "/32";
            if (!IPNetwork.TryParse(t, out var network))
            {
                // IPNetwork rejects host bits set below the prefix ("10.1.2.3/8"); mask them as most tools do.
                var slash = t.IndexOf('/');
                if (IPAddress.TryParse(t.AsSpan(0, slash), out var address) && int.TryParse(t.AsSpan(slash + 1), out var prefix)
                    && prefix >= 0 && prefix <= (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
                    network = new IPNetwork(Mask(address, prefix), prefix);
                else Fail($"'{text}' is not a CIDR network");
            }
            list.Add(new CidrPredicate(network));
        }
        return list;
    }

    static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
