using Harrier.Evtx.Events;

namespace Harrier.Hunting.Scanning;

/// <summary>Reads the events of one scan unit (a file, a segment of a file, or a zip member).</summary>
internal interface IEventReader : IDisposable
{
    /// <summary>Reads the next event into <paramref name="e"/>; false at the end.</summary>
    bool Read(EventFields e);

    /// <summary>Adds the reader's own counts (records failed, carved) and problems to <paramref name="result"/>.</summary>
    void Finish(UnitResult result);
}

/// <summary>The reconciliation of one scan unit; units of one file are summed.</summary>
internal sealed class UnitResult
{
    public long Rendered;
    public long Failed;
    public long Carved;
    public long OutsideTimeRange;
    public long Alerts;
    public string? Unreadable;
    public readonly List<RecordProblem> Problems = [];

    public void AddProblem(RecordProblem p)
    {
        if (Problems.Count < FileReconciliation.MaxProblems) Problems.Add(p);
    }
}
