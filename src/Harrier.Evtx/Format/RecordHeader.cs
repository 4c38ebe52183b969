using System.Buffers.Binary;

namespace Harrier.Evtx.Format;

/// <summary>Event record header (libevtx §4: signature "**\0\0", size, id, written time) and trailing size copy.</summary>
internal readonly struct RecordHeader
{
    public const uint Signature = 0x00002a2a;
    public const int SizeOffset = 4;                  // u32, whole record including header and size copy
    public const int IdOffset = SizeOffset + 4;       // u64
    public const int TimeOffset = IdOffset + 8;       // FILETIME
    public const int DataOffset = TimeOffset + 8;     // BinXml starts here (24)
    public const int MinSize = DataOffset + 4;        // header + trailing size copy

    public uint Size { get; init; }
    public ulong Id { get; init; }
    public long WrittenTime { get; init; }
    public uint SizeCopy { get; init; }
    public bool SizeCopyMismatch => SizeCopy != Size;

    public static bool HasSignature(ReadOnlySpan<byte> chunk, int offset) =>
        offset + 4 <= chunk.Length && BinaryPrimitives.ReadUInt32LittleEndian(chunk[offset..]) == Signature;

    /// <summary>Reads and validates a record header at <paramref name="offset"/> within a chunk; null with a reason when invalid.</summary>
    /// <remarks>A trailing size copy that disagrees is not fatal (a record being written when the log was copied has 0 there); <see cref="SizeCopyMismatch"/> says so.</remarks>
    public static string? TryParse(ReadOnlySpan<byte> chunk, int offset, int limit, out RecordHeader header)
    {
        header = default;
        if (offset + DataOffset > limit) return "record header runs past the end of the record area";
        if (!HasSignature(chunk, offset)) return $"bad record signature 0x{BinaryPrimitives.ReadUInt32LittleEndian(chunk[offset..]):x8}";
        var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(offset + SizeOffset)..]);
        if (size < MinSize || size > (uint)(limit - offset)) return $"bad record size {size}";
        var copy = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(offset + (int)size - 4)..]);
        header = new RecordHeader
        {
            SizeCopy = copy,
            Size = size,
            Id = BinaryPrimitives.ReadUInt64LittleEndian(chunk[(offset + IdOffset)..]),
            WrittenTime = BinaryPrimitives.ReadInt64LittleEndian(chunk[(offset + TimeOffset)..]),
        };
        return null;
    }
}
