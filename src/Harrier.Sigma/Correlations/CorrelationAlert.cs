namespace Harrier.Sigma.Correlations;

/// <summary>A correlation fired for one group within its timespan.</summary>
/// <param name="Correlation">The correlation that fired.</param>
/// <param name="FirstTime">FILETIME of the earliest event counted.</param>
/// <param name="LastTime">FILETIME of the latest event counted (for window-close conditions: the window end).</param>
/// <param name="Group">The group-by values (field of the correlation's group-by → value; null when absent).</param>
/// <param name="Value">What was compared: count, distinct values, sum, average, percentile, or rules seen.</param>
/// <param name="Events">The counted events (record id, time, rule or correlation id), at most <see cref="CorrelationOptions.MaxEventsPerAlert"/>.</param>
public sealed record CorrelationAlert(
    CompiledCorrelation Correlation,
    long FirstTime,
    long LastTime,
    IReadOnlyList<KeyValuePair<string, string?>> Group,
    double Value,
    IReadOnlyList<CorrelatedEvent> Events);

/// <summary>An event (or inner alert) counted by a correlation.</summary>
public readonly record struct CorrelatedEvent(ulong RecordId, long Time, string Source);
