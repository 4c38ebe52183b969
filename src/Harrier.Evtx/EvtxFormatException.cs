namespace Harrier.Evtx;

/// <summary>
/// The input is malformed: carries the offset (relative to the file when known, else to the chunk),
/// what was expected and what was found.
/// </summary>
public sealed class EvtxFormatException : Exception
{
    public EvtxFormatException(long offset, string message) : base($"{message} (at offset 0x{offset:x})")
    {
        Offset = offset;
    }

    /// <summary>A record that is malformed as a whole (the diagnostic that reports it names the record's offset).</summary>
    public EvtxFormatException(string message) : base(message)
    {
        Offset = -1;
    }

    /// <summary>Offset of the offending bytes (chunk-relative inside BinXml, file-relative for headers); −1 when not known.</summary>
    public long Offset { get; }
}
