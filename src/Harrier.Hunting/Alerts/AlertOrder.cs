namespace Harrier.Hunting.Alerts;

/// <summary>
/// The deterministic output order: time, then file (ordinal), then record id, then rule id, rule title
/// and details (so two rules firing on one event, or two correlation groups, never tie).
/// </summary>
public sealed class AlertOrder : IComparer<Alert>
{
    public static readonly AlertOrder Instance = new();

    public int Compare(Alert? x, Alert? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.TimeCreated.CompareTo(y.TimeCreated);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.File, y.File);
        if (c != 0) return c;
        c = x.RecordId.CompareTo(y.RecordId);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Rule.Title, y.Rule.Title);
        if (c != 0) return c;
        return string.CompareOrdinal(x.Details, y.Details);
    }
}
