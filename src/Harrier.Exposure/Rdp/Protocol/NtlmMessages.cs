using System.Buffers.Binary;
using System.Text;

namespace Harrier.Exposure.Rdp.Protocol;

/// <summary>
/// The two NTLM messages an unauthenticated client can exchange: its NEGOTIATE, and the server's
/// CHALLENGE, whose target info names the server and its domain (MS-NLMP 2.2.1.1, 2.2.1.2, 2.2.2.1, 2.2.2.10).
/// </summary>
static class NtlmMessages
{
    static ReadOnlySpan<byte> Signature => "NTLMSSP\0"u8;
    const uint TypeNegotiate = 1;
    const uint TypeChallenge = 2;

    // NEGOTIATE layout: signature(8) type(4) flags(4) DomainNameFields(8) WorkstationFields(8) Version(8).
    const int NegotiateLength = 40;
    const int NegotiateVersionOffset = 32;

    // CHALLENGE layout: signature(8) type(4) TargetNameFields(8)@12 flags(4)@20 challenge(8)@24 reserved(8)@32 TargetInfoFields(8)@40 Version(8)@48.
    const int ChallengeTargetNameOffset = 12;
    const int ChallengeFlagsOffset = 20;
    const int ChallengeTargetInfoOffset = 40;
    const int ChallengeVersionOffset = 48;
    const int ChallengeMinLength = ChallengeVersionOffset;

    [Flags]
    enum NegotiateFlags : uint
    {
        Unicode = 0x1, Oem = 0x2, RequestTarget = 0x4, Sign = 0x10, Seal = 0x20, Ntlm = 0x200,
        AlwaysSign = 0x8000, ExtendedSessionSecurity = 0x80000, TargetInfo = 0x800000,
        Version = 0x02000000, Key128 = 0x20000000, KeyExchange = 0x40000000, Key56 = 0x80000000,
    }

    // AV_PAIR ids (MS-NLMP 2.2.2.1).
    const ushort MsvAvEol = 0, MsvAvNbComputerName = 1, MsvAvNbDomainName = 2, MsvAvDnsComputerName = 3,
        MsvAvDnsDomainName = 4, MsvAvDnsTreeName = 5, MsvAvTimestamp = 7;

    /// <summary>The upper bound on AV pairs read from one CHALLENGE.</summary>
    const int MaxAvPairs = 64;

    public static byte[] Negotiate()
    {
        var m = new byte[NegotiateLength];
        Signature.CopyTo(m);
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(8), TypeNegotiate);
        const NegotiateFlags flags = NegotiateFlags.Unicode | NegotiateFlags.Oem | NegotiateFlags.RequestTarget
            | NegotiateFlags.Sign | NegotiateFlags.Seal | NegotiateFlags.Ntlm | NegotiateFlags.AlwaysSign
            | NegotiateFlags.ExtendedSessionSecurity | NegotiateFlags.Version | NegotiateFlags.Key128
            | NegotiateFlags.KeyExchange | NegotiateFlags.Key56;
        BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(12), (uint)flags);
        // Version (2.2.2.10): 10.0 build 20348, NTLMSSP_REVISION_W2K3 (15). Domain/workstation fields stay empty.
        m[NegotiateVersionOffset] = 10;
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(NegotiateVersionOffset + 2), 20348);
        m[NegotiateVersionOffset + 7] = 15;
        return m;
    }

    /// <summary>Decodes a CHALLENGE message into the names and version it discloses.</summary>
    public static NtlmTargetInfo ParseChallenge(ReadOnlySpan<byte> message)
    {
        if (message.Length < ChallengeMinLength || !message.StartsWith(Signature))
            throw new RdpProtocolException("not an NTLM message (no NTLMSSP signature)", 0);
        var r = new WireReader(message);
        r.Seek(Signature.Length, "NTLM header");
        uint type = r.ReadUInt32LittleEndian("NTLM message type");
        if (type != TypeChallenge) throw new RdpProtocolException($"NTLM message type {type}, expected CHALLENGE (2)", 8);

        r.Seek(ChallengeFlagsOffset, "NTLM flags");
        var flags = (NegotiateFlags)r.ReadUInt32LittleEndian("NTLM flags");
        bool unicode = flags.HasFlag(NegotiateFlags.Unicode);
        var targetName = Decode(Field(message, ChallengeTargetNameOffset, "TargetName"), unicode);

        string? osVersion = null;
        if (flags.HasFlag(NegotiateFlags.Version) && message.Length >= ChallengeVersionOffset + 8)
        {
            var v = message.Slice(ChallengeVersionOffset, 8);
            osVersion = $"{v[0]}.{v[1]}.{BinaryPrimitives.ReadUInt16LittleEndian(v[2..])}";
        }

        string? nbComputer = null, nbDomain = null, dnsComputer = null, dnsDomain = null, dnsTree = null;
        DateTimeOffset? time = null;
        var info = message.Length >= ChallengeTargetInfoOffset + 8 ? Field(message, ChallengeTargetInfoOffset, "TargetInfo") : default;
        var av = new WireReader(info);
        for (int i = 0; i < MaxAvPairs && av.Remaining >= 4; i++)
        {
            ushort id = av.ReadUInt16LittleEndian("AV_PAIR id");
            ushort len = av.ReadUInt16LittleEndian("AV_PAIR length");
            var value = av.ReadBytes(len, "AV_PAIR value");
            switch (id)
            {
                case MsvAvEol: i = MaxAvPairs; break;
                case MsvAvNbComputerName: nbComputer = Encoding.Unicode.GetString(value); break;
                case MsvAvNbDomainName: nbDomain = Encoding.Unicode.GetString(value); break;
                case MsvAvDnsComputerName: dnsComputer = Encoding.Unicode.GetString(value); break;
                case MsvAvDnsDomainName: dnsDomain = Encoding.Unicode.GetString(value); break;
                case MsvAvDnsTreeName: dnsTree = Encoding.Unicode.GetString(value); break;
                case MsvAvTimestamp when len == 8:
                    long ft = BinaryPrimitives.ReadInt64LittleEndian(value);
                    if (ft > 0 && ft < DateTime.MaxValue.ToFileTimeUtc()) time = new DateTimeOffset(DateTime.FromFileTimeUtc(ft));
                    break;
            }
        }
        return new NtlmTargetInfo
        {
            TargetName = targetName,
            NetbiosComputerName = nbComputer,
            NetbiosDomainName = nbDomain,
            DnsComputerName = dnsComputer,
            DnsDomainName = dnsDomain,
            DnsTreeName = dnsTree,
            OsVersion = osVersion,
            ServerTime = time,
        };
    }

    // A security buffer (2.2.1): Len(2) MaxLen(2) Offset(4), the payload inside the message.
    static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> message, int at, string what)
    {
        int len = BinaryPrimitives.ReadUInt16LittleEndian(message[at..]);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(message[(at + 4)..]);
        if (offset > (uint)message.Length || len > message.Length - (int)offset)
            throw new RdpProtocolException($"NTLM {what} field ({len} bytes at {offset}) runs past the message ({message.Length} bytes)", at);
        return message.Slice((int)offset, len);
    }

    static string Decode(ReadOnlySpan<byte> s, bool unicode) => unicode ? Encoding.Unicode.GetString(s) : Encoding.ASCII.GetString(s);
}
