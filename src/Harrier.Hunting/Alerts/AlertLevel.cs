namespace Harrier.Hunting.Alerts;

/// <summary>Sigma rule levels, in increasing severity; the numeric order is the comparison order.</summary>
public enum AlertLevel
{
    Informational = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

/// <summary>Text forms of <see cref="AlertLevel"/> as Sigma writes them (lower case).</summary>
public static class AlertLevels
{
    public static string ToSigma(this AlertLevel level) => level switch
    {
        AlertLevel.Informational => "informational",
        AlertLevel.Low => "low",
        AlertLevel.Medium => "medium",
        AlertLevel.High => "high",
        AlertLevel.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Parses a Sigma level name (case-insensitive; "info" accepted for informational).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out AlertLevel level)
    {
        level = text.Trim() switch
        {
            var t when t.Equals("informational", StringComparison.OrdinalIgnoreCase)
                    || t.Equals("info", StringComparison.OrdinalIgnoreCase) => AlertLevel.Informational,
            var t when t.Equals("low", StringComparison.OrdinalIgnoreCase) => AlertLevel.Low,
            var t when t.Equals("medium", StringComparison.OrdinalIgnoreCase) => AlertLevel.Medium,
            var t when t.Equals("high", StringComparison.OrdinalIgnoreCase) => AlertLevel.High,
            var t when t.Equals("critical", StringComparison.OrdinalIgnoreCase) => AlertLevel.Critical,
            _ => (AlertLevel)(-1),
        };
        return level >= AlertLevel.Informational;
    }
}
