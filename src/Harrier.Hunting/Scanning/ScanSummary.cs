using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Scanning;

/// <summary>The outcome of one hunt: per-file reconciliation, rule counts and alert statistics.</summary>
/// <param name="Files">One entry per input file, ordered by file (ordinal).</param>
/// <param name="RulesLoaded">Rules (detections + correlations) compiled and run.</param>
/// <param name="RuleProblems">Rules that could not be loaded or compiled, with file and reason.</param>
/// <param name="Alerts">Statistics over every alert emitted.</param>
/// <param name="Elapsed">Wall-clock time of the scan.</param>
/// <param name="Phases">Each phase in order (rules loaded, compiled, scan, correlate, emit): wall-clock time and bytes allocated.</param>
public sealed record ScanSummary(
    IReadOnlyList<FileReconciliation> Files,
    int RulesLoaded,
    IReadOnlyList<RuleProblem> RuleProblems,
    AlertStatistics Alerts,
    TimeSpan Elapsed,
    IReadOnlyList<PhaseTiming> Phases)
{
    public long RecordsRead => Files.Sum(f => f.RecordsRead);
    public long Rendered => Files.Sum(f => f.Rendered);
    public long Failed => Files.Sum(f => f.Failed);
    public long Carved => Files.Sum(f => f.Carved);
    public long Bytes => Files.Sum(f => f.Bytes);
    public int UnreadableFiles => Files.Count(f => f.IsUnreadable);

    /// <summary>Sorted runs of alerts and correlation events written to temporary files because memory budgets were reached.</summary>
    public int SpilledRuns { get; init; }
}

/// <summary>A rule file (or one document in it) that was not loaded.</summary>
/// <param name="Source">File (and line when known).</param>
/// <param name="Message">Why.</param>
public sealed record RuleProblem(string Source, string Message);

/// <summary>One phase of a hunt: its wall-clock time, the managed memory allocated during it (all threads) and the garbage collections in it.</summary>
public readonly record struct PhaseTiming(string Phase, TimeSpan Elapsed, long AllocatedBytes, int Collections, int FullCollections);

/// <summary>The end of a phase: the clock, the bytes allocated so far and the collections so far.</summary>
internal readonly record struct PhaseMark(string Phase, TimeSpan At)
{
    public long Allocated { get; } = GC.GetTotalAllocatedBytes();
    public int Collections { get; } = GC.CollectionCount(0);
    public int FullCollections { get; } = GC.CollectionCount(2);

    public PhaseTiming Since(PhaseMark previous) =>
        new(Phase, At - previous.At, Allocated - previous.Allocated, Collections - previous.Collections, FullCollections - previous.FullCollections);
}
