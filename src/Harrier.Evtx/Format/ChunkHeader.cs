using System.Buffers.Binary;

namespace Harrier.Evtx.Format;

/// <summary>
/// The 512-byte chunk header ("ElfChnk\0") of a 64 KiB chunk. Layout: libevtx §3.1 (chunk header).
/// </summary>
internal readonly struct ChunkHeader
{
    public const int ChunkSize = 65536;
    public const int Size = 512;
    public const int FirstRecordNumberOffset = 8;                          // u64
    public const int LastRecordNumberOffset = FirstRecordNumberOffset + 8; // u64
    public const int FirstRecordIdOffset = LastRecordNumberOffset + 8;     // u64
    public const int LastRecordIdOffset = FirstRecordIdOffset + 8;         // u64
    public const int HeaderSizeOffset = LastRecordIdOffset + 8;            // u32, 128
    public const int LastRecordOffsetOffset = HeaderSizeOffset + 4;        // u32
    public const int FreeSpaceOffset = LastRecordOffsetOffset + 4;         // u32
    public const int RecordsChecksumOffset = FreeSpaceOffset + 4;          // u32: CRC32 of [512, free space)
    public const int FlagsOffset = 120;                                    // u32 after 64 unknown bytes
    public const int HeaderChecksumOffset = FlagsOffset + 4;               // u32: CRC32 of [0,120) + [128,512)
    public const int CommonStringsOffset = 128;                            // 64 × u32 string offsets
    public const int TemplatePointersOffset = CommonStringsOffset + 64 * 4; // 32 × u32 template offsets

    static ReadOnlySpan<byte> Magic => "ElfChnk\0"u8;

    public bool MagicValid { get; init; }
    public ulong FirstRecordNumber { get; init; }
    public ulong LastRecordNumber { get; init; }
    public ulong FirstRecordId { get; init; }
    public ulong LastRecordId { get; init; }
    public uint LastRecordOffset { get; init; }
    public uint FreeSpace { get; init; }
    public uint RecordsChecksum { get; init; }
    public uint HeaderChecksum { get; init; }
    public bool HeaderChecksumValid { get; init; }

    public static bool HasMagic(ReadOnlySpan<byte> chunk) => chunk.Length >= 8 && chunk[..8].SequenceEqual(Magic);

    public static bool IsZeroed(ReadOnlySpan<byte> chunk) => !chunk.ContainsAnyExcept((byte)0);

    public static ChunkHeader Parse(ReadOnlySpan<byte> c) => new()
    {
        MagicValid = HasMagic(c),
        FirstRecordNumber = BinaryPrimitives.ReadUInt64LittleEndian(c[FirstRecordNumberOffset..]),
        LastRecordNumber = BinaryPrimitives.ReadUInt64LittleEndian(c[LastRecordNumberOffset..]),
        FirstRecordId = BinaryPrimitives.ReadUInt64LittleEndian(c[FirstRecordIdOffset..]),
        LastRecordId = BinaryPrimitives.ReadUInt64LittleEndian(c[LastRecordIdOffset..]),
        LastRecordOffset = BinaryPrimitives.ReadUInt32LittleEndian(c[LastRecordOffsetOffset..]),
        FreeSpace = BinaryPrimitives.ReadUInt32LittleEndian(c[FreeSpaceOffset..]),
        RecordsChecksum = BinaryPrimitives.ReadUInt32LittleEndian(c[RecordsChecksumOffset..]),
        HeaderChecksum = BinaryPrimitives.ReadUInt32LittleEndian(c[HeaderChecksumOffset..]),
        HeaderChecksumValid = BinaryPrimitives.ReadUInt32LittleEndian(c[HeaderChecksumOffset..])
            == Crc32.Compute(c[..FlagsOffset], c[CommonStringsOffset..Size]),
    };

    /// <summary>The records checksum over [512, free space), or false when free space is out of range.</summary>
    public bool RecordsChecksumValid(ReadOnlySpan<byte> c) =>
        FreeSpace >= Size && FreeSpace <= (uint)c.Length && Crc32.Compute(c[Size..(int)FreeSpace]) == RecordsChecksum;
}
