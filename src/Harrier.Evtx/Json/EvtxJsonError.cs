namespace Harrier.Evtx.Json;

/// <summary>One event of an evtx_dump JSON file that could not be read; it was skipped.</summary>
/// <param name="File">The file name the reader was opened with.</param>
/// <param name="Line">1-based line where the bad event starts (or where the problem was found).</param>
/// <param name="Reason">What was wrong.</param>
public sealed record EvtxJsonError(string File, long Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
