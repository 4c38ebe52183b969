using System.Formats.Asn1;
using Harrier.Exposure.Rdp.Protocol;

namespace Harrier.Exposure.Tests.Rdp;

public sealed class TsRequestTests
{
    [Fact]
    public void WithNegoToken_RoundTrips()
    {
        var token = NtlmMessages.Negotiate();
        var der = TsRequest.WithNegoToken(token);
        Assert.Equal(0x30, der[0]);
        Assert.Equal(der.Length, TsRequest.ElementLength(der));
        var (version, parsed, error) = TsRequest.Parse(der);
        Assert.Equal(6, version);
        Assert.Equal(token, parsed);
        Assert.Null(error);
    }

    [Fact]
    public void ErrorCode_IsReadAsAnNtStatus()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true))) w.WriteInteger(6);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true))) w.WriteInteger(unchecked((int)0xC000006D));
        }
        var (_, token, error) = TsRequest.Parse(w.Encode());
        Assert.Null(token);
        Assert.Equal(0xC000006Du, error);
    }

    [Theory]
    [InlineData(new byte[] { 0x30 }, -1)]
    [InlineData(new byte[] { 0x30, 0x05 }, 7)]
    [InlineData(new byte[] { 0x30, 0x82, 0x01 }, -1)]
    [InlineData(new byte[] { 0x30, 0x82, 0x01, 0x00 }, 260)]
    public void ElementLength(byte[] header, int expected) => Assert.Equal(expected, TsRequest.ElementLength(header));

    [Fact]
    public void NotASequence_Throws() => Assert.Throws<RdpProtocolException>(() => TsRequest.ElementLength([0x48, 0x54]));
}
