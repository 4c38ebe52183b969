namespace Harrier.Hunting.Scanning;

/// <summary>How an input file is read.</summary>
public enum InputFormat
{
    /// <summary>A Windows .evtx file.</summary>
    Evtx,

    /// <summary>evtx_dump-layout JSON: one JSON document, or an array of events.</summary>
    Json,

    /// <summary>evtx_dump-layout JSON lines: one event per line.</summary>
    Jsonl,
}
