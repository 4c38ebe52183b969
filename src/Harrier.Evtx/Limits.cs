namespace Harrier.Evtx;

/// <summary>
/// Caps on every count and depth read from a file, so that no input can make the reader loop
/// or recurse without bound. Each is far above anything Windows writes.
/// </summary>
public static class Limits
{
    /// <summary>Nesting depth of elements plus nested BinXml fragments and template instances.</summary>
    public const int MaxDepth = 64;

    /// <summary>Substitution values in one template instance.</summary>
    public const int MaxSubstitutions = 4096;

    /// <summary>BinXml nodes in one record (template nodes excluded).</summary>
    public const int MaxNodesPerRecord = 1 << 20;

    /// <summary>Items in one array value.</summary>
    public const int MaxArrayItems = 65536;

    /// <summary>Chunks read from one file (a 64 KiB chunk each: 16 TiB).</summary>
    public const int MaxChunks = 1 << 28;

    /// <summary>Distinct templates compiled in one chunk.</summary>
    public const int MaxTemplatesPerChunk = 4096;

    /// <summary>Bytes of rendered output for one record before it is refused as malformed.</summary>
    public const int MaxRenderedBytes = 64 << 20;

    /// <summary>
    /// Characters in one field name (an element, attribute or EventData <c>Name</c>) that is given an id.
    /// Names are interned for the life of the process, so without this a damaged name length could pin
    /// tens of kilobytes per record.
    /// </summary>
    public const int MaxFieldNameLength = 1024;

    /// <summary>
    /// Distinct field names interned in one process (Windows' own manifests use a few thousand). Reading
    /// damaged or crafted files can otherwise make the table, which is never emptied, grow without bound.
    /// </summary>
    public const int MaxFieldNames = 1 << 16;

    /// <summary>Diagnostics kept in memory per file (all are still counted and reported as they occur).</summary>
    public const int MaxDiagnosticsKept = 10000;
}
