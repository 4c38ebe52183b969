using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Scanning;

/// <summary>Alert counts for the terminal summary and report headers.</summary>
/// <param name="Total">All alerts.</param>
/// <param name="ByLevel">Count per level, indexed by <see cref="AlertLevel"/> (always 5 entries).</param>
/// <param name="TopRules">Most frequent rules (title, the rule's own level, count), count descending then title.</param>
/// <param name="TopHosts">Most frequent computers.</param>
/// <param name="TopAccounts">Most frequent accounts named in alerts (see <see cref="AlertStatisticsBuilder.AccountFields"/>).</param>
/// <param name="FirstTime">Earliest alert time (FILETIME), 0 when there are none.</param>
/// <param name="LastTime">Latest alert time (FILETIME), 0 when there are none.</param>
public sealed record AlertStatistics(
    long Total,
    IReadOnlyList<long> ByLevel,
    IReadOnlyList<RuleCount> TopRules,
    IReadOnlyList<NameCount> TopHosts,
    IReadOnlyList<NameCount> TopAccounts,
    long FirstTime,
    long LastTime)
{
    public long Count(AlertLevel level) => ByLevel[(int)level];

    /// <summary>Alerts linked to at least one exposure finding (<c>hunt --exposure</c>).</summary>
    public long WithExposure { get; init; }

    /// <summary>Alerts whose level was raised above their rule's level by an exposure finding.</summary>
    public long Raised { get; init; }

    public static AlertStatistics Empty { get; } = new(0, new long[5], [], [], [], 0, 0);
}

/// <summary>How often one rule fired.</summary>
public sealed record RuleCount(string RuleId, string Title, AlertLevel Level, long Count);

/// <summary>How often one name (host, account) occurred.</summary>
public sealed record NameCount(string Name, long Count);
