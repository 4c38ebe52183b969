using System.Buffers.Binary;
using System.Text;
using Harrier.Exposure.Rdp.Protocol;

namespace Harrier.Exposure.Tests.Rdp;

public sealed class NtlmMessagesTests
{
    [Fact]
    public void Negotiate_IsAType1MessageAskingForTargetAndVersion()
    {
        var m = NtlmMessages.Negotiate();
        Assert.Equal("NTLMSSP\0"u8.ToArray(), m[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(8)));
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(m.AsSpan(12));
        Assert.Equal(0x4u, flags & 0x4);                 // REQUEST_TARGET
        Assert.Equal(0x02000000u, flags & 0x02000000);   // VERSION
        Assert.Equal(40, m.Length);
    }

    // A CHALLENGE built field by field from MS-NLMP 2.2.1.2, with the AV pairs a domain member sends.
    static byte[] Challenge(bool withVersion = true, int targetInfoLengthDelta = 0)
    {
        var target = Encoding.Unicode.GetBytes("CORP");
        var av = new List<byte>();
        void Pair(ushort id, byte[] v) { av.AddRange(BitConverter.GetBytes(id)); av.AddRange(BitConverter.GetBytes((ushort)v.Length)); av.AddRange(v); }
        Pair(2, Encoding.Unicode.GetBytes("CORP"));
        Pair(1, Encoding.Unicode.GetBytes("RDS01"));
        Pair(4, Encoding.Unicode.GetBytes("corp.example.com"));
        Pair(3, Encoding.Unicode.GetBytes("rds01.corp.example.com"));
        Pair(5, Encoding.Unicode.GetBytes("example.com"));
        Pair(7, BitConverter.GetBytes(new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc).ToFileTimeUtc()));
        Pair(0, []);
        var m = new byte[56 + target.Length + av.Count];
        "NTLMSSP\0"u8.CopyTo(m);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(12), (ushort)target.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(16), 56);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(20), 0x00800001u | (withVersion ? 0x02000000u : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(40), (ushort)(av.Count + targetInfoLengthDelta));
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(44), (uint)(56 + target.Length));
        m[48] = 10; m[49] = 0; BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(50), 20348); m[55] = 15;
        target.CopyTo(m, 56);
        av.ToArray().CopyTo(m, 56 + target.Length);
        return m;
    }

    [Fact]
    public void Challenge_DisclosesNamesForestAndVersion()
    {
        var t = NtlmMessages.ParseChallenge(Challenge());
        Assert.Equal("CORP", t.TargetName);
        Assert.Equal("CORP", t.NetbiosDomainName);
        Assert.Equal("RDS01", t.NetbiosComputerName);
        Assert.Equal("corp.example.com", t.DnsDomainName);
        Assert.Equal("rds01.corp.example.com", t.DnsComputerName);
        Assert.Equal("example.com", t.DnsTreeName);
        Assert.Equal("10.0.20348", t.OsVersion);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), t.ServerTime);
    }

    [Fact]
    public void Challenge_WithoutVersionFlag_HasNoVersion() => Assert.Null(NtlmMessages.ParseChallenge(Challenge(withVersion: false)).OsVersion);

    [Fact]
    public void Challenge_TargetInfoPastTheEnd_Throws()
    {
        var e = Assert.Throws<RdpProtocolException>(() => NtlmMessages.ParseChallenge(Challenge(targetInfoLengthDelta: 200)));
        Assert.Contains("TargetInfo", e.Message);
    }

    [Fact]
    public void NotAChallenge_Throws()
    {
        Assert.Throws<RdpProtocolException>(() => NtlmMessages.ParseChallenge(NtlmMessages.Negotiate().Concat(new byte[16]).ToArray()));
        Assert.Throws<RdpProtocolException>(() => NtlmMessages.ParseChallenge(new byte[60]));
    }
}
