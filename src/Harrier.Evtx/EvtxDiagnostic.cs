namespace Harrier.Evtx;

public enum EvtxDiagnosticKind
{
    /// <summary>The file header is bad (magic, checksum) or disagrees with the file.</summary>
    FileHeader,
    /// <summary>A chunk could not be used or its header/checksums are bad.</summary>
    Chunk,
    /// <summary>A record could not be read (header or BinXml).</summary>
    Record,
}

/// <summary>Something wrong found while reading: where (file, chunk, offset, record id) and what.</summary>
public sealed record EvtxDiagnostic(string File, EvtxDiagnosticKind Kind, int ChunkIndex, long Offset, ulong? RecordId, string Message)
{
    public override string ToString()
    {
        var where = ChunkIndex >= 0 ? $"chunk {ChunkIndex}, offset 0x{Offset:x}" : $"offset 0x{Offset:x}";
        var rec = RecordId is { } id ? $", record {id}" : "";
        return $"{File}: {where}{rec}: {Message}";
    }
}
