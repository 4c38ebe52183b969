using Harrier.Exposure.Rdp;
using Harrier.Exposure.Rdp.Protocol;

namespace Harrier.Exposure.Tests.Rdp;

public sealed class X224Tests
{
    [Fact]
    public void ConnectionRequest_FollowsTheSpecLayout()
    {
        var p = X224.ConnectionRequest(RdpProtocols.Tls | RdpProtocols.CredSsp, "probe");
        var cookie = "Cookie: mstshash=probe\r\n"u8.ToArray();
        Assert.Equal(4 + 1 + 6 + cookie.Length + 8, p.Length);
        Assert.Equal(new byte[] { 3, 0, 0, (byte)p.Length }, p[..4]);            // TPKT, big-endian length
        Assert.Equal(p.Length - 5, p[4]);                                         // LI excludes itself
        Assert.Equal(0xE0, p[5]);                                                 // CR
        Assert.Equal(cookie, p[11..(11 + cookie.Length)]);
        Assert.Equal(new byte[] { 1, 0, 8, 0, 3, 0, 0, 0 }, p[^8..]);             // RDP_NEG_REQ, requestedProtocols = 3
    }

    static byte[] Confirm(byte type, byte flags, uint value) =>
        [3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, type, flags, 8, 0, (byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];

    [Fact]
    public void Confirm_WithResponse_GivesTheSelectedProtocol()
    {
        var cc = X224.ParseConnectionConfirm(Confirm(2, 0x1F, 2));
        Assert.Equal((NegotiationKind.Response, (byte)0x1F, 2u), (cc.Kind, cc.Flags, cc.Value));
    }

    [Fact]
    public void Confirm_WithFailure_GivesTheCode()
    {
        var cc = X224.ParseConnectionConfirm(Confirm(3, 0, 5));
        Assert.Equal((NegotiationKind.Failure, 5u), (cc.Kind, cc.Value));
        Assert.Equal("HYBRID_REQUIRED_BY_SERVER", RdpFailureCodes.Name(cc.Value));
    }

    [Fact]
    public void Confirm_WithoutNegotiationData_IsALegacyServer()
    {
        Assert.Equal(NegotiationKind.None, X224.ParseConnectionConfirm([3, 0, 0, 11, 6, 0xD0, 0, 0, 0, 0, 0]).Kind);
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 19, 14, 0xE0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 1, 0, 0, 0 }, "not a Connection Confirm")]
    [InlineData(new byte[] { 3, 0, 0, 19, 14, 0xD0, 0, 0, 0, 0, 0, 2, 0, 9, 0, 1, 0, 0, 0 }, "negotiation length 9")]
    [InlineData(new byte[] { 3, 0, 0, 19, 14, 0xD0, 0, 0, 0, 0, 0, 7, 0, 8, 0, 1, 0, 0, 0 }, "negotiation type 0x07")]
    [InlineData(new byte[] { 3, 0, 0, 20, 14, 0xD0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 1, 0, 0, 0 }, "TPKT length 20")]
    public void Confirm_Malformed_Throws(byte[] packet, string message)
    {
        var e = Assert.Throws<RdpProtocolException>(() => X224.ParseConnectionConfirm(packet));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 3, 0, 0, 19 }, true)]
    [InlineData(new byte[] { 0x48, 0x54, 0x54, 0x50 }, false)]   // "HTTP"
    [InlineData(new byte[] { 3, 0, 0xFF, 0xFF }, false)]         // absurd length
    [InlineData(new byte[] { 3, 0, 0, 4 }, false)]               // shorter than a confirm
    public void LooksLikeTpkt(byte[] header, bool expected) => Assert.Equal(expected, X224.LooksLikeTpkt(header));
}
