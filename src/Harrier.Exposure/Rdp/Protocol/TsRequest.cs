using System.Formats.Asn1;
using System.Numerics;

namespace Harrier.Exposure.Rdp.Protocol;

/// <summary>
/// The CredSSP TSRequest (MS-CSSP 2.2.1, explicit tags): the client's first one carries an NTLM
/// NEGOTIATE in negoTokens; the server answers with the CHALLENGE there, or with an errorCode.
/// </summary>
static class TsRequest
{
    /// <summary>The TSRequest version the client announces (6 = with clientNonce, CVE-2018-0886 fixed).</summary>
    const int ClientVersion = 6;

    /// <summary>The largest TSRequest accepted from a server before any authentication.</summary>
    public const int MaxLength = 64 * 1024;

    static Asn1Tag Context(int n) => new(TagClass.ContextSpecific, n, isConstructed: true);

    public static byte[] WithNegoToken(ReadOnlySpan<byte> token)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(Context(0))) w.WriteInteger(ClientVersion);
            using (w.PushSequence(Context(1)))
            using (w.PushSequence())                    // NegoData: SEQUENCE OF
            using (w.PushSequence())                    //   SEQUENCE { negoToken [0] OCTET STRING }
            using (w.PushSequence(Context(0)))
                w.WriteOctetString(token);
        }
        return w.Encode();
    }

    /// <summary>The server's version, first negoToken and errorCode (each null when absent).</summary>
    public static (int? Version, byte[]? NegoToken, uint? ErrorCode) Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            int? version = null;
            byte[]? token = null;
            uint? error = null;
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                if (tag.HasSameClassAndValue(Context(0)))
                    version = seq.ReadSequence(Context(0)).TryReadInt32(out var v) ? v : null;
                else if (tag.HasSameClassAndValue(Context(1)))
                {
                    var list = seq.ReadSequence(Context(1)).ReadSequence();
                    if (list.HasData && token is null)
                        token = list.ReadSequence().ReadSequence(Context(0)).ReadOctetString();
                }
                else if (tag.HasSameClassAndValue(Context(4)))
                {
                    BigInteger code = seq.ReadSequence(Context(4)).ReadInteger();
                    error = unchecked((uint)(long)code);   // an NTSTATUS, possibly encoded as a negative INTEGER
                }
                else seq.ReadEncodedValue();
            }
            return (version, token, error);
        }
        catch (AsnContentException e)
        {
            throw new RdpProtocolException($"malformed CredSSP TSRequest: {e.Message}", 0);
        }
    }

    /// <summary>The total length of the DER element whose first bytes are <paramref name="header"/>, or -1 if more header bytes are needed.</summary>
    public static int ElementLength(ReadOnlySpan<byte> header)
    {
        if (header.Length < 2) return -1;
        if (header[0] != 0x30) throw new RdpProtocolException($"CredSSP reply starts with 0x{header[0]:X2}, not a SEQUENCE (0x30)", 0);
        int first = header[1];
        if (first < 0x80) return 2 + first;
        int count = first & 0x7F;
        if (count is 0 or > 3) throw new RdpProtocolException($"CredSSP reply has an unsupported length form 0x{first:X2}", 1);
        if (header.Length < 2 + count) return -1;
        int len = 0;
        for (int i = 0; i < count; i++) len = (len << 8) | header[2 + i];
        return 2 + count + len;
    }
}
