namespace Harrier.Hunting.Alerts;

/// <summary>
/// One hit of one rule on one event (or, for a correlation, on a group of events): the unit every
/// hunt output (terminal summary, CSV, JSONL, HTML report, DuckDB case file) is built from.
/// </summary>
/// <remarks>
/// Immutable and self-contained: it holds copies of the event's fields, so it outlives the reader's reused
/// <c>EventFields</c>. Times are UTC FILETIME ticks; writers convert to the output time zone.
/// Alerts sort by <see cref="AlertOrder"/> (time, file, record id, rule id).
/// </remarks>
public sealed record Alert
{
    /// <summary>Event time (for correlations: first event of the window) as FILETIME ticks, UTC; 0 when unknown.</summary>
    public required long TimeCreated { get; init; }

    /// <summary><see cref="TimeCreated"/> as a UTC <see cref="DateTimeOffset"/> (<see cref="DateTimeOffset.MinValue"/> when unknown).</summary>
    public DateTimeOffset Timestamp => FileTimes.ToDateTimeOffset(TimeCreated);

    /// <summary>The <c>Computer</c> of the event.</summary>
    public required string Computer { get; init; }

    /// <summary>The <c>Channel</c> of the event (e.g. <c>Security</c>).</summary>
    public required string Channel { get; init; }

    /// <summary>The <c>Provider_Name</c> of the event.</summary>
    public required string Provider { get; init; }

    /// <summary>EventID (−1 when absent).</summary>
    public required int EventId { get; init; }

    /// <summary>Event record id.</summary>
    public required ulong RecordId { get; init; }

    /// <summary>The input file (path as scanned; for zip members <c>archive.zip!member/path.evtx</c>).</summary>
    public required string File { get; init; }

    /// <summary>The rule that fired.</summary>
    public required AlertRule Rule { get; init; }

    /// <summary>
    /// Effective level: the rule's level, raised by one step (at most to critical) when an exposure
    /// finding involves the alert's accounts or endpoints.
    /// </summary>
    public required AlertLevel Level { get; init; }

    /// <summary>One-line summary of the event with codes turned into words (see <c>Details</c> templates).</summary>
    public required string Details { get; init; }

    /// <summary>The event's flattened fields, in record order.</summary>
    public required IReadOnlyList<AlertField> Fields { get; init; }

    /// <summary>True when the event was recovered by carving.</summary>
    public bool Carved { get; init; }

    /// <summary>Set for correlation alerts.</summary>
    public AlertCorrelation? Correlation { get; init; }

    /// <summary>Exposure findings involving this alert (empty without <c>--exposure</c>).</summary>
    public IReadOnlyList<ExposureNote> Exposure { get; init; } = [];

    /// <summary>First value of a field, or null.</summary>
    public string? Field(string name)
    {
        if (Fields is AlertFieldList list)
        {
            var i = list.IndexOf(name);
            return i < 0 ? null : list.Value(i);
        }
        foreach (var f in Fields)
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f.Value;
        return null;
    }
}
