using Harrier.Hunting.Alerts;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Rules;

namespace Harrier.Hunting.Scanning;

/// <summary>Everything one hunt needs (built by the CLI from its settings).</summary>
public sealed record HuntOptions
{
    /// <summary>Files, directories and .zip packages to scan.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>User Sigma rule files and directories (the built-in pack is always loaded).</summary>
    public IReadOnlyList<string> SigmaPaths { get; init; } = [];

    /// <summary>Values for <c>|expand</c> placeholders.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public RuleSelection Selection { get; init; } = RuleSelection.All;

    /// <summary>Directory of the parsed-rule cache for <see cref="SigmaPaths"/> (null: parse every rule file each run).</summary>
    public string? RuleCacheDirectory { get; init; }

    /// <summary>Only events at or after this time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only events at or before this time (inclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Worker threads; 1 runs everything on the calling thread.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Where sorted runs are spilled (a private subdirectory is created and removed).</summary>
    public string TempDirectory { get; init; } = Path.GetTempPath();

    /// <summary>
    /// Memory the workers together may use for alerts kept in memory (compact records, shared between the workers)
    /// before one spills a sorted run to <see cref="TempDirectory"/>; alerts that fit are never written to disk.
    /// </summary>
    public long SortBudgetBytes { get; init; } = 64L << 20;

    /// <summary>Memory the workers together may use for events kept for the correlations before spilling a sorted run.</summary>
    public long CorrelationBudgetBytes { get; init; } = 32L << 20;

    /// <summary>EVTX files on disk larger than this are split into segments read in parallel.</summary>
    public long SegmentBytes { get; init; } = 8L << 20;

    public ZipLimits ZipLimits { get; init; } = ZipLimits.Default;

    /// <summary>
    /// Whether alerts carry every field of their event (<see cref="Alert.Fields"/>), as JSONL, the case file, the report and
    /// exposure links need. False keeps only what the summary and the CSV use (computer, channel, provider and the account
    /// fields of <see cref="AlertStatisticsBuilder.AccountFields"/>): the alerts then take a tenth of the memory.
    /// </summary>
    public bool KeepEventFields { get; init; } = true;

    /// <summary>
    /// Whether alerts carry their one-line <see cref="Alert.Details"/> (the CSV, JSONL, case file and report show them). False
    /// for a run that only prints the summary: no details are rendered or kept, and the alerts take far less memory.
    /// </summary>
    public bool RenderDetails { get; init; } = true;
}
