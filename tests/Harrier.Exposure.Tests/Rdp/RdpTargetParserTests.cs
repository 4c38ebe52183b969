using Harrier.Exposure.Rdp;

namespace Harrier.Exposure.Tests.Rdp;

public sealed class RdpTargetParserTests
{
    static string[] Parse(params string[] specs) => [.. RdpTargetParser.Parse(specs, 3389, 300).Select(t => t.ToString())];

    [Fact]
    public void HostsPortsAndAddresses() =>
        Assert.Equal(["rdp01:3389", "rdp01.corp:3390", "10.0.0.5:3389", "[::1]:3389", "[fe80::1]:4000"],
            Parse("rdp01", "rdp01.corp:3390", "10.0.0.5", "::1", "[fe80::1]:4000", "rdp01"));

    [Fact]
    public void Cidr_SkipsNetworkAndBroadcast() =>
        Assert.Equal(["192.168.7.1:3389", "192.168.7.2:3389"], Parse("192.168.7.0/30"));

    [Fact]
    public void Cidr_WithPort_AndSlash31And32() =>
        Assert.Equal(["10.1.1.0:3390", "10.1.1.1:3390", "10.9.9.9:3389"], Parse("10.1.1.0/31:3390", "10.9.9.9/32"));

    [Fact]
    public void Cidr_V6() => Assert.Equal(["[2001:db8::]:3389", "[2001:db8::1]:3389"], Parse("2001:db8::/127"));

    [Theory]
    [InlineData("10.0.0.0/24", "expands to 254 hosts; the cap is 100")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("host:0", "port '0'")]
    [InlineData("host:99999", "port '99999'")]
    [InlineData("[::1", "missing ']'")]
    [InlineData("a b", "not a host name")]
    [InlineData("nothost/24", "not an IP address")]
    public void BadSpecs_NameTheProblem(string spec, string message)
    {
        var e = Assert.Throws<FormatException>(() => RdpTargetParser.Parse([spec], 3389, 100));
        Assert.Contains(spec, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TheCapCountsAllCidrTargetsTogether()
    {
        Assert.Equal(4, RdpTargetParser.Parse(["10.0.0.0/30", "10.0.1.0/30"], 3389, 4).Count);
        Assert.Throws<FormatException>(() => RdpTargetParser.Parse(["10.0.0.0/30", "10.0.1.0/30", "10.0.2.0/30"], 3389, 4));
    }

    [Theory]
    [InlineData("RDPHOST01.corp.example.internal", true)]
    [InlineData("rdphost01", true)]
    [InlineData("dc1.test.local", true)]
    [InlineData("localhost", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("rdp.example.com", false)]
    public void InternalNames(string name, bool expected) => Assert.Equal(expected, RdpFindingRules.IsInternalName(name));
}
