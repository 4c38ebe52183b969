namespace Harrier.Investigation.Sessions;

/// <summary>
/// Failed authentications aggregated per (source, account, target): 4625, 4771, and 4768/4769/4776
/// with a non-zero status.
/// </summary>
public sealed class LogonFailure
{
    /// <summary>Distinct failure codes remembered per group.</summary>
    public const int MaxReasons = 8;

    readonly List<string> _reasons = [];
    readonly SortedSet<int> _eventIds = [];

    /// <summary>Source address, or workstation name when no address was logged; empty when neither.</summary>
    public required string Source { get; init; }
    public required string Account { get; init; }
    /// <summary>The computer that logged the failure.</summary>
    public required string Target { get; init; }
    public long Count { get; private set; }
    public long First { get; private set; } = long.MaxValue;
    public long Last { get; private set; } = long.MinValue;
    /// <summary>Status/SubStatus codes seen (e.g. 0xc000006a), first <see cref="MaxReasons"/> distinct.</summary>
    public IReadOnlyList<string> Reasons => _reasons;
    public IReadOnlyCollection<int> EventIds => _eventIds;

    internal void Add(long time, int eventId, ReadOnlySpan<char> reason)
    {
        Count++;
        if (time < First) First = time;
        if (time > Last) Last = time;
        _eventIds.Add(eventId);
        if (reason.IsEmpty || _reasons.Count >= MaxReasons) return;
        foreach (var r in _reasons)
            if (reason.Equals(r, StringComparison.OrdinalIgnoreCase)) return;
        _reasons.Add(reason.ToString());
    }
}
