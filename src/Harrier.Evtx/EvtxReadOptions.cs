namespace Harrier.Evtx;

/// <summary>How to read an EVTX file.</summary>
public sealed record EvtxReadOptions
{
    public static readonly EvtxReadOptions Default = new();

    /// <summary>Also recover records from chunk slack and from chunks with no valid header; such records have <c>Carved</c> set.</summary>
    public bool Carve { get; init; }

    /// <summary>Called for every diagnostic as it occurs (on the reading thread).</summary>
    public Action<EvtxDiagnostic>? OnDiagnostic { get; init; }
}
