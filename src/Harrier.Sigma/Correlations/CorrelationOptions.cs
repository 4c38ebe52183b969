namespace Harrier.Sigma.Correlations;

/// <summary>What to do with an event that lacks one of the group-by fields.</summary>
public enum MissingGroupField
{
    /// <summary>The event is not counted (and is counted in <see cref="CorrelationEngine.EventsWithoutGroup"/>).</summary>
    Skip,
    /// <summary>The missing field groups as an empty value, together with other events missing it.</summary>
    GroupAsEmpty,
}

public sealed record CorrelationOptions
{
    public static readonly CorrelationOptions Default = new();

    public MissingGroupField MissingGroupField { get; init; } = MissingGroupField.Skip;

    /// <summary>Events listed in one alert (the count is exact regardless).</summary>
    public int MaxEventsPerAlert { get; init; } = 64;

    /// <summary>Upper bound on live groups over all correlations; the oldest group is dropped beyond it.</summary>
    public int MaxGroups { get; init; } = 1_000_000;

    /// <summary>
    /// How late (behind the newest time seen) an event may arrive and still be counted. Input from
    /// several files is rarely in perfect order; state is kept this much longer than the timespan.
    /// </summary>
    public TimeSpan Lateness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Keep each group's sliding window aggregate up to date as events arrive (the default) instead of
    /// recounting the window for every event. Same results; off only to cross-check in tests.
    /// </summary>
    internal bool IncrementalWindows { get; init; } = true;
}
