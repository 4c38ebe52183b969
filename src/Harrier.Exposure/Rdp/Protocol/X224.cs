using System.Buffers.Binary;
using System.Text;

namespace Harrier.Exposure.Rdp.Protocol;

/// <summary>
/// The first exchange of an RDP connection: a TPKT-framed X.224 Connection Request carrying an
/// RDP Negotiation Request, answered by a Connection Confirm that may carry an RDP Negotiation
/// Response or Failure (MS-RDPBCGR 2.2.1.1 and 2.2.1.2; TPKT is T.123 section 8, X.224 is ITU-T X.224 13.3/13.4).
/// </summary>
static class X224
{
    // TPKT header (T.123 8): version, reserved, length (big-endian, whole packet).
    public const byte TpktVersion = 3;
    public const int TpktHeaderLength = 4;

    // X.224 fixed part after the length indicator (LI): code, DST-REF(2), SRC-REF(2), class option.
    const byte ConnectionRequestCode = 0xE0;
    const byte ConnectionConfirmCode = 0xD0;
    const int X224FixedLength = 6;                                          // excludes the LI byte
    const int NegotiationOffset = TpktHeaderLength + 1 + X224FixedLength;   // = 11: first byte of rdpNegData

    // RDP_NEG_REQ / RDP_NEG_RSP / RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2): type, flags, length=8, value.
    const byte TypeNegotiationRequest = 0x01;
    const byte TypeNegotiationResponse = 0x02;
    const byte TypeNegotiationFailure = 0x03;
    const int NegotiationLength = 8;

    /// <summary>The largest Connection Confirm accepted (a real one is 19 bytes).</summary>
    public const int MaxConfirmLength = 512;

    /// <summary>A Connection Request asking for <paramref name="requested"/>, with an mstshash cookie.</summary>
    public static byte[] ConnectionRequest(RdpProtocols requested, string cookieUser = "harrier")
    {
        var cookie = Encoding.ASCII.GetBytes($"Cookie: mstshash={cookieUser}\r\n");
        int li = X224FixedLength + cookie.Length + NegotiationLength;
        var packet = new byte[TpktHeaderLength + 1 + li];
        packet[0] = TpktVersion;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[4] = (byte)li;
        packet[5] = ConnectionRequestCode;   // DST-REF, SRC-REF and class option 0 stay zero
        cookie.CopyTo(packet, NegotiationOffset);
        var neg = packet.AsSpan(NegotiationOffset + cookie.Length);
        neg[0] = TypeNegotiationRequest;
        BinaryPrimitives.WriteUInt16LittleEndian(neg[2..], NegotiationLength);
        BinaryPrimitives.WriteUInt32LittleEndian(neg[4..], (uint)requested);
        return packet;
    }

    /// <summary>True when the first four bytes a peer sent can start a TPKT packet.</summary>
    public static bool LooksLikeTpkt(ReadOnlySpan<byte> header) =>
        header.Length >= TpktHeaderLength && header[0] == TpktVersion && header[1] == 0
        && BinaryPrimitives.ReadUInt16BigEndian(header[2..]) is >= NegotiationOffset and <= MaxConfirmLength;

    /// <summary>The TPKT length field of a header that passed <see cref="LooksLikeTpkt"/>.</summary>
    public static int PacketLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16BigEndian(header[2..]);

    /// <summary>Decodes a whole Connection Confirm packet (TPKT header included).</summary>
    public static ConnectionConfirm ParseConnectionConfirm(ReadOnlySpan<byte> packet)
    {
        var r = new WireReader(packet);
        if (r.ReadByte("TPKT version") != TpktVersion) throw new RdpProtocolException("not a TPKT packet", 0);
        r.ReadByte("TPKT reserved");
        int length = r.ReadUInt16BigEndian("TPKT length");
        if (length != packet.Length) throw new RdpProtocolException($"TPKT length {length} but {packet.Length} bytes", 2);
        int li = r.ReadByte("X.224 length indicator");
        byte code = r.ReadByte("X.224 code");
        if ((code & 0xF0) != ConnectionConfirmCode)
            throw new RdpProtocolException($"X.224 code 0x{code:X2} is not a Connection Confirm (0xD0)", r.Position - 1);
        r.ReadBytes(X224FixedLength - 1, "X.224 references and class");
        if (li < X224FixedLength + NegotiationLength || r.Remaining < NegotiationLength)
            return new ConnectionConfirm(NegotiationKind.None, 0, 0);   // a legacy server: standard RDP security only
        byte type = r.ReadByte("negotiation type");
        byte flags = r.ReadByte("negotiation flags");
        ushort negLength = r.ReadUInt16LittleEndian("negotiation length");
        if (negLength != NegotiationLength)
            throw new RdpProtocolException($"negotiation length {negLength}, expected {NegotiationLength}", r.Position - 2);
        uint value = r.ReadUInt32LittleEndian("negotiation value");
        return type switch
        {
            TypeNegotiationResponse => new ConnectionConfirm(NegotiationKind.Response, flags, value),
            TypeNegotiationFailure => new ConnectionConfirm(NegotiationKind.Failure, flags, value),
            _ => throw new RdpProtocolException($"negotiation type 0x{type:X2} is neither a response nor a failure", NegotiationOffset),
        };
    }
}

/// <summary>What the Connection Confirm carried.</summary>
enum NegotiationKind
{
    /// <summary>No rdpNegData: the server only speaks standard RDP security.</summary>
    None,
    Response,
    Failure,
}

/// <summary>A decoded Connection Confirm: the selected protocol (Response) or failure code (Failure).</summary>
readonly record struct ConnectionConfirm(NegotiationKind Kind, byte Flags, uint Value);
