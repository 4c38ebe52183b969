using System.Buffers.Binary;

namespace Harrier.Evtx.Format;

/// <summary>
/// The 4096-byte file header ("ElfFile\0"). Layout: libevtx "Windows XML Event Log (EVTX)" §2.1 (file header).
/// </summary>
public sealed record EvtxFileHeader
{
    public const int Size = 4096;
    public const int MagicOffset = 0;                                   // "ElfFile\0"
    public const int FirstChunkNumberOffset = MagicOffset + 8;          // u64
    public const int LastChunkNumberOffset = FirstChunkNumberOffset + 8; // u64
    public const int NextRecordIdOffset = LastChunkNumberOffset + 8;    // u64
    public const int HeaderSizeOffset = NextRecordIdOffset + 8;         // u32, 128
    public const int MinorVersionOffset = HeaderSizeOffset + 4;         // u16
    public const int MajorVersionOffset = MinorVersionOffset + 2;       // u16
    public const int BlockSizeOffset = MajorVersionOffset + 2;          // u16, 4096
    public const int ChunkCountOffset = BlockSizeOffset + 2;            // u16
    public const int FlagsOffset = 120;                                 // u32 after 76 unknown bytes
    public const int ChecksumOffset = FlagsOffset + 4;                  // u32: CRC32 of bytes 0..120

    static ReadOnlySpan<byte> Magic => "ElfFile\0"u8;

    public bool MagicValid { get; init; }
    public ulong FirstChunkNumber { get; init; }
    public ulong LastChunkNumber { get; init; }
    public ulong NextRecordId { get; init; }
    public uint HeaderSize { get; init; }
    public ushort MinorVersion { get; init; }
    public ushort MajorVersion { get; init; }
    public ushort BlockSize { get; init; }
    public ushort ChunkCount { get; init; }
    public uint Flags { get; init; }
    public uint Checksum { get; init; }
    public uint ComputedChecksum { get; init; }

    public bool ChecksumValid => Checksum == ComputedChecksum;

    /// <summary>Flag 0x1: the log was not closed cleanly.</summary>
    public bool IsDirty => (Flags & 1) != 0;

    /// <summary>Flag 0x2: the log is full.</summary>
    public bool IsFull => (Flags & 2) != 0;

    /// <summary>Parses the header; never throws for a 128-byte or longer span.</summary>
    public static EvtxFileHeader Parse(ReadOnlySpan<byte> h)
    {
        if (h.Length < 128) throw new EvtxFormatException(0, $"file header: expected 128 bytes, found {h.Length}");
        return new EvtxFileHeader
        {
            MagicValid = h[..8].SequenceEqual(Magic),
            FirstChunkNumber = BinaryPrimitives.ReadUInt64LittleEndian(h[FirstChunkNumberOffset..]),
            LastChunkNumber = BinaryPrimitives.ReadUInt64LittleEndian(h[LastChunkNumberOffset..]),
            NextRecordId = BinaryPrimitives.ReadUInt64LittleEndian(h[NextRecordIdOffset..]),
            HeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(h[HeaderSizeOffset..]),
            MinorVersion = BinaryPrimitives.ReadUInt16LittleEndian(h[MinorVersionOffset..]),
            MajorVersion = BinaryPrimitives.ReadUInt16LittleEndian(h[MajorVersionOffset..]),
            BlockSize = BinaryPrimitives.ReadUInt16LittleEndian(h[BlockSizeOffset..]),
            ChunkCount = BinaryPrimitives.ReadUInt16LittleEndian(h[ChunkCountOffset..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(h[FlagsOffset..]),
            Checksum = BinaryPrimitives.ReadUInt32LittleEndian(h[ChecksumOffset..]),
            ComputedChecksum = Crc32.Compute(h[..FlagsOffset]),
        };
    }
}
