using System.Globalization;

namespace Harrier.Investigation;

/// <summary>FILETIME ticks as ISO-8601 UTC text (full 100 ns precision), "" for 0.</summary>
public static class FileTimeText
{
    public static string Format(long fileTime) =>
        fileTime <= 0 ? "" : DateTime.FromFileTimeUtc(fileTime).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds between two FILETIMEs, or null when either is unknown.</summary>
    public static double? Seconds(long start, long end) => start <= 0 || end <= 0 ? null : (end - start) / 1e7;

    public static DateTime? ToDateTime(long fileTime) => fileTime <= 0 ? null : DateTime.FromFileTimeUtc(fileTime);
}
