using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Scanning;

/// <summary>The outcome of one hunt: per-file reconciliation, rule counts and alert statistics.</summary>
/// <param name="Files">One entry per input file, ordered by file (ordinal).</param>
/// <param name="RulesLoaded">Rules (detections + correlations) compiled and run.</param>
/// <param name="RuleProblems">Rules that could not be loaded or compiled, with file and reason.</param>
/// <param name="Alerts">Statistics over every alert emitted.</param>
/// <param name="Elapsed">Wall-clock time of the scan.</param>
/// <param name="Phases">Wall-clock time of each phase in order (rules loaded, compiled, scan, correlate, emit).</param>
public sealed record ScanSummary(
    IReadOnlyList<FileReconciliation> Files,
    int RulesLoaded,
    IReadOnlyList<RuleProblem> RuleProblems,
    AlertStatistics Alerts,
    TimeSpan Elapsed,
    IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases)
{
    public long RecordsRead => Files.Sum(f => f.RecordsRead);
    public long Rendered => Files.Sum(f => f.Rendered);
    public long Failed => Files.Sum(f => f.Failed);
    public long Carved => Files.Sum(f => f.Carved);
    public long Bytes => Files.Sum(f => f.Bytes);
    public int UnreadableFiles => Files.Count(f => f.IsUnreadable);
}

/// <summary>A rule file (or one document in it) that was not loaded.</summary>
/// <param name="Source">File (and line when known).</param>
/// <param name="Message">Why.</param>
public sealed record RuleProblem(string Source, string Message);
