namespace Harrier.Evtx.Format;

/// <summary>CRC32 (IEEE, as zlib) used by file and chunk headers and the chunk's record area.</summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);

    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var crc = new System.IO.Hashing.Crc32();
        crc.Append(first);
        crc.Append(second);
        return crc.GetCurrentHashAsUInt32();
    }
}
