using System.Globalization;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Tests;

/// <summary>The hand-written FILETIME, hex and GUID formatters agree with .NET's own formatting.</summary>
public class ValueFormatterTests
{
    const long TicksTo1601 = 504911232000000000L;

    [Fact]
    public void FileTime_text_equals_DateTime_formatting_at_6_and_7_digits()
    {
        var random = new Random(20261126);
        var max = DateTime.MaxValue.Ticks - TicksTo1601;
        var samples = new List<long> { 0, 1, 9_999_999, 10_000_000, max, max - 1, 116444736000000000 /* 1970 */ };
        for (var i = 0; i < 20000; i++) samples.Add(random.NextInt64(0, max + 1));
        Span<char> d = stackalloc char[64];
        foreach (var ft in samples)
        {
            var t = new DateTime(ft + TicksTo1601, DateTimeKind.Utc);
            foreach (var digits in new[] { 6, 7 })
            {
                var expected = t.ToString(digits == 6 ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                var n = ValueFormatter.FormatFileTime(ft, d, digits);
                Assert.Equal(expected, d[..n].ToString());
            }
        }
        // Out of range FILETIMEs render as the epoch, as before.
        var m = ValueFormatter.FormatFileTime(-5, d, 7);
        Assert.Equal("1601-01-01T00:00:00.0000000Z", d[..m].ToString());
    }

    [Fact]
    public void Hex_text_equals_ToString_x_for_edge_and_random_values()
    {
        var random = new Random(7);
        var samples = new List<ulong> { 0, 1, 0xF, 0x10, 0xFFFF_FFFF, 0x1_0000_0000, ulong.MaxValue, 1UL << 63 };
        for (var i = 0; i < 20000; i++) samples.Add((ulong)random.NextInt64() >> random.Next(64));
        Span<char> d = stackalloc char[32];
        foreach (var v in samples)
        {
            var n = ValueFormatter.Hex(v, d);
            Assert.Equal("0x" + v.ToString("x", CultureInfo.InvariantCulture), d[..n].ToString());
        }
    }

    [Fact]
    public void Guid_text_equals_Guid_ToString_D_upper_case()
    {
        var random = new Random(11);
        var bytes = new byte[16];
        Span<char> d = stackalloc char[64];
        for (var i = 0; i < 20000; i++)
        {
            random.NextBytes(bytes);
            var n = ValueFormatter.FormatGuid(bytes, d);
            Assert.Equal(new Guid(bytes).ToString("D").ToUpperInvariant(), d[..n].ToString());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(255)]
    public void Sids_of_any_sub_authority_count_format_whole(int count)
    {
        // Fuzzing (seeds 23 and 31, in two runs) found a SID whose text outgrew the scratch buffer: every sub-authority at its widest.
        var sid = new byte[8 + count * 4];
        sid[0] = 255;
        sid[1] = (byte)count;
        for (var i = 2; i < 8; i++) sid[i] = 0xFF;
        for (var i = 8; i < sid.Length; i++) sid[i] = 0xFF;
        var expected = "S-255-281474976710655" + string.Concat(Enumerable.Repeat("-4294967295", count));
        Assert.Equal(expected, new ValueFormatter().Format(BinXml.BinXmlValueType.Sid, sid).ToString());

        // A real one: S-1-5-21-…-500, and a count that claims more than the bytes hold.
        byte[] admin = [1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xF4, 1, 0, 0];
        Assert.Equal("S-1-5-21-1-2-3-500", new ValueFormatter().Format(BinXml.BinXmlValueType.Sid, admin).ToString());
        Assert.Throws<EvtxFormatException>(() => new ValueFormatter().Format(BinXml.BinXmlValueType.Sid, sid.AsSpan(0, sid.Length - 1).ToArray()).ToString());
    }
}
