using System.Net;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Tests.Features;

/// <summary>The <c>cidr</c> modifier's shortcut for dotted quads must decide exactly as parsing with <see cref="IPAddress"/> does.</summary>
public class CidrFastPathTests
{
    static readonly string[] Networks = ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.7/32", "0.0.0.0/0", "172.16.0.0/12", "::1/128", "fe80::/10"];

    [Fact]
    public void The_shortcut_agrees_with_IPAddress_on_random_and_odd_values()
    {
        var random = new Random(11);
        string[] odd = ["10.1.2.3", "010.1.2.3", "10.1.2", "10.1.2.3.4", "256.1.2.3", "10.1.2.3 ", " 10.1.2.3", "1.2.3.4x", "0x0a.1.2.3",
            "10..2.3", "", "-", "::ffff:10.1.2.3", "[::1]", "127.1", "00.0.0.0", "0.0.0.0", "255.255.255.255", "1000.1.1.1", "10.1.2.03"];
        var values = odd.Concat(Enumerable.Range(0, 5000).Select(_ => random.Next(4) switch
        {
            0 => $"{random.Next(300)}.{random.Next(300)}.{random.Next(300)}.{random.Next(300)}",
            1 => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
            2 => $"192.168.{random.Next(3)}.{random.Next(256)}",
            _ => $"{random.Next(2) * 100}{random.Next(10)}.{random.Next(10)}.{random.Next(256)}.0{random.Next(8)}",
        })).ToList();
        var checkedQuads = 0;
        foreach (var n in Networks)
        {
            var p = new CidrPredicate(IPNetwork.Parse(n));
            foreach (var v in values)
            {
                Assert.True(p.IsMatch(v, null!) == p.IsMatchSlow(v.Trim()), $"{v} in {n}");
                if (CidrPredicate.TryDottedQuad(v, out _)) checkedQuads++;
            }
        }
        Assert.True(checkedQuads > 10_000, $"{checkedQuads} values took the shortcut");
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("010.1.2.3", false)] // a leading zero: left to IPAddress (octal there)
    [InlineData("10.1.2", false)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.0.0.1", false)]
    public void Dotted_quads(string value, bool shortcut) => Assert.Equal(shortcut, CidrPredicate.TryDottedQuad(value, out _));
}
