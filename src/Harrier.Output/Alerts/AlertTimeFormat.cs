using System.Globalization;
using Harrier.Hunting.Alerts;

namespace Harrier.Output.Alerts;

/// <summary>
/// How alert times are written: ISO 8601 with the offset of the chosen time zone (UTC by default) and
/// all seven FILETIME fraction digits, e.g. <c>2019-04-30T19:27:00.2974500+00:00</c>.
/// </summary>
public sealed class AlertTimeFormat(TimeZoneInfo zone)
{
    public static readonly AlertTimeFormat Utc = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Formats a FILETIME; empty when unknown (0).</summary>
    public string Format(long fileTime)
    {
        if (fileTime <= 0) return "";
        var utc = FileTimes.ToDateTimeOffset(fileTime);
        var local = TimeZoneInfo.ConvertTime(utc, Zone);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a FILETIME into <paramref name="destination"/> (nothing when unknown); the text <see cref="Format"/> returns.</summary>
    public bool TryFormat(long fileTime, Span<char> destination, out int written)
    {
        written = 0;
        if (fileTime <= 0) return true;
        var local = TimeZoneInfo.ConvertTime(FileTimes.ToDateTimeOffset(fileTime), Zone);
        return local.TryFormat(destination, out written, "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
    }

    /// <summary>UTC ISO 8601 with Z (for JSONL <c>@timestamp</c>) into <paramref name="destination"/> (nothing when unknown).</summary>
    public static bool TryFormatUtc(long fileTime, Span<char> destination, out int written)
    {
        written = 0;
        return fileTime <= 0
            || FileTimes.ToDateTimeOffset(fileTime).UtcDateTime.TryFormat(destination, out written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>UTC ISO 8601 with Z (for JSONL <c>@timestamp</c>).</summary>
    public static string FormatUtc(long fileTime) =>
        fileTime <= 0 ? "" : FileTimes.ToDateTimeOffset(fileTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
