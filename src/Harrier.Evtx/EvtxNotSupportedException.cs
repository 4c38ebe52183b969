namespace Harrier.Evtx;

/// <summary>The input is valid but uses a feature this reader does not implement.</summary>
public sealed class EvtxNotSupportedException : Exception
{
    public EvtxNotSupportedException(long offset, string message) : base($"{message} (at offset 0x{offset:x})")
    {
        Offset = offset;
    }

    public long Offset { get; }
}
