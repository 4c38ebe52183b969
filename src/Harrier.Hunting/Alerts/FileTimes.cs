namespace Harrier.Hunting.Alerts;

/// <summary>FILETIME (100 ns ticks since 1601-01-01 UTC) conversions used by alerts and writers.</summary>
public static class FileTimes
{
    /// <summary>Ticks between 0001-01-01 and 1601-01-01.</summary>
    const long EpochDelta = 504_911_232_000_000_000;

    public static DateTimeOffset ToDateTimeOffset(long fileTime) =>
        fileTime <= 0 || fileTime > DateTime.MaxValue.Ticks - EpochDelta
            ? DateTimeOffset.MinValue
            : new DateTimeOffset(fileTime + EpochDelta, TimeSpan.Zero);

    public static long FromDateTimeOffset(DateTimeOffset time) => time.UtcTicks - EpochDelta;
}
