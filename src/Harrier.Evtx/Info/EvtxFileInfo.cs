using Harrier.Evtx.Format;

namespace Harrier.Evtx.Info;

/// <summary>A gap in the record ids (ids missing between two records that are present).</summary>
public sealed record RecordIdGap(ulong After, ulong Before)
{
    public ulong Missing => Before - After - 1;
}

/// <summary>A stretch of time with no events, at least the requested minimum long.</summary>
public sealed record TimeGap(DateTime From, DateTime To, ulong RecordIdBefore, ulong RecordIdAfter)
{
    public TimeSpan Duration => To - From;
}

/// <summary>Events of one channel and EventID.</summary>
public sealed record EventCount(string Channel, int EventId, long Count);

/// <summary>What <c>harrier info</c> reports about one EVTX file.</summary>
public sealed record EvtxFileInfo
{
    public required string Path { get; init; }
    public required long FileSize { get; init; }
    public required EvtxFileHeader Header { get; init; }
    /// <summary>Whole 64 KiB chunks (and a trailing partial one) after the file header.</summary>
    public required int ChunksInFile { get; init; }
    public required int ChunksValid { get; init; }
    public required int ChunkHeaderChecksumFailures { get; init; }
    public required int ChunkRecordsChecksumFailures { get; init; }
    public required long RecordsRead { get; init; }
    public required long RecordsFailed { get; init; }
    public required long RecordsCarved { get; init; }
    public ulong? FirstRecordId { get; init; }
    public ulong? LastRecordId { get; init; }
    public DateTime? FirstTime { get; init; }
    public DateTime? LastTime { get; init; }
    public required IReadOnlyList<RecordIdGap> RecordIdGaps { get; init; }
    public required long RecordIdGapCount { get; init; }
    public required ulong RecordIdsMissing { get; init; }
    public required IReadOnlyList<TimeGap> TimeGaps { get; init; }
    public required TimeSpan MinGap { get; init; }
    public required IReadOnlyList<EventCount> EventCounts { get; init; }
    public required IReadOnlyList<EvtxDiagnostic> Diagnostics { get; init; }
}
