namespace Harrier.Evtx.Dump;

/// <summary>Output layout of <see cref="EvtxDumper"/>.</summary>
public enum DumpFormat
{
    /// <summary>One evtx_dump-style JSON object per line.</summary>
    Jsonl,
    /// <summary>One JSON array of all records.</summary>
    Json,
    /// <summary>Windows-style event XML inside one &lt;Events&gt; element.</summary>
    Xml,
}

/// <summary>How to dump.</summary>
public sealed record DumpOptions
{
    public DumpFormat Format { get; init; } = DumpFormat.Jsonl;

    /// <summary>Chunks parsed in parallel (1 = inline on the calling thread). Output is identical for every value.</summary>
    public int Threads { get; init; } = 1;

    public bool Carve { get; init; }
}
