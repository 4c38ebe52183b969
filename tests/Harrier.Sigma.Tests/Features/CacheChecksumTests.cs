using Harrier.Sigma.Loading;

namespace Harrier.Sigma.Tests.Features;

/// <summary>The rule caches' payload checksum is the low half of XXH3-64, whatever pieces the payload is fed in.</summary>
public sealed class CacheChecksumTests
{
    [Fact]
    public void Is_the_low_half_of_XXH3_64()
    {
        // pinned: another algorithm, or another seed, must come with new format versions of both caches
        Assert.Equal(0x67A1_7DFFu, CacheChecksum.Of("123456789"u8));
        var data = new byte[100_000];
        new Random(5).NextBytes(data);
        foreach (var n in new[] { 0, 9, 240, 100_000 })
            Assert.Equal((uint)System.IO.Hashing.XxHash3.HashToUInt64(data.AsSpan(0, n)), CacheChecksum.Of(data.AsSpan(0, n)));
    }

    [Fact]
    public void Does_not_depend_on_how_the_bytes_are_split_and_sees_a_flipped_bit()
    {
        var data = new byte[10_000];
        new Random(3).NextBytes(data);
        var whole = CacheChecksum.Of(data);
        var random = new Random(4);
        for (var round = 0; round < 50; round++)
        {
            var pieces = new CacheChecksum();
            for (var at = 0; at < data.Length;)
            {
                var n = Math.Min(random.Next(0, 40), data.Length - at);
                pieces.Append(data.AsSpan(at, n));
                at += n;
            }
            Assert.Equal(whole, pieces.Value);
        }
        data[1234] ^= 0x10;
        Assert.NotEqual(whole, CacheChecksum.Of(data));
    }
}
