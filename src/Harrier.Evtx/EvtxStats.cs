namespace Harrier.Evtx;

/// <summary>Counts for one file, updated as it is read.</summary>
public sealed class EvtxStats
{
    /// <summary>Records read and rendered (carved ones included).</summary>
    public long RecordsRead { get; internal set; }

    /// <summary>Records whose header was valid but whose content could not be read.</summary>
    public long RecordsFailed { get; internal set; }

    /// <summary>Of <see cref="RecordsRead"/>, those recovered by carving.</summary>
    public long RecordsCarved { get; internal set; }

    /// <summary>Chunks present in the file (valid magic or not, zeroed ones excluded).</summary>
    public int ChunksInFile { get; internal set; }

    /// <summary>Chunks with a valid header magic.</summary>
    public int ChunksValid { get; internal set; }

    /// <summary>Chunks whose header CRC32 did not match.</summary>
    public int ChunkHeaderChecksumFailures { get; internal set; }

    /// <summary>Chunks whose records CRC32 did not match.</summary>
    public int ChunkRecordsChecksumFailures { get; internal set; }

    /// <summary>Diagnostics reported (may exceed those kept).</summary>
    public long Diagnostics { get; internal set; }

    /// <summary>Bytes of the file that were read.</summary>
    public long BytesRead { get; internal set; }

    public void Add(EvtxStats o)
    {
        RecordsRead += o.RecordsRead;
        RecordsFailed += o.RecordsFailed;
        RecordsCarved += o.RecordsCarved;
        ChunksInFile += o.ChunksInFile;
        ChunksValid += o.ChunksValid;
        ChunkHeaderChecksumFailures += o.ChunkHeaderChecksumFailures;
        ChunkRecordsChecksumFailures += o.ChunkRecordsChecksumFailures;
        Diagnostics += o.Diagnostics;
        BytesRead += o.BytesRead;
    }
}
