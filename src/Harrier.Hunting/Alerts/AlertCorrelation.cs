namespace Harrier.Hunting.Alerts;

/// <summary>
/// What a correlation alert aggregates. A correlation alert's <see cref="Alert"/> event columns
/// (computer, channel, event id, record id, file, fields) come from the event that completed the
/// correlation; its timestamp is the first event of the window (as Hayabusa does: the start of the attack).
/// </summary>
/// <param name="Type">Sigma correlation type: event_count, value_count, temporal, temporal_ordered, value_sum, value_avg.</param>
/// <param name="GroupBy">The group-by fields and their values for this group, in rule order.</param>
/// <param name="Value">The aggregated value compared with the condition (event count, distinct values, …).</param>
/// <param name="EventCount">Number of matching events inside the window.</param>
/// <param name="FirstTime">FILETIME of the first event in the window.</param>
/// <param name="LastTime">FILETIME of the event that completed the correlation.</param>
/// <param name="RuleIds">Ids (or names) of the referenced rules that contributed.</param>
public sealed record AlertCorrelation(
    string Type,
    IReadOnlyList<AlertField> GroupBy,
    double Value,
    int EventCount,
    long FirstTime,
    long LastTime,
    IReadOnlyList<string> RuleIds);
