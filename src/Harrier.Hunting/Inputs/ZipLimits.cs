namespace Harrier.Hunting.Inputs;

/// <summary>Limits that keep a hostile .zip from exhausting disk, memory or time (zip bombs).</summary>
public sealed record ZipLimits
{
    public static readonly ZipLimits Default = new();

    /// <summary>Largest uncompressed member scanned.</summary>
    public long MaxEntryBytes { get; init; } = 16L << 30;

    /// <summary>Largest uncompressed total per archive.</summary>
    public long MaxArchiveBytes { get; init; } = 256L << 30;

    /// <summary>Highest uncompressed/compressed ratio accepted for a member (EVTX compresses about 10-30×).</summary>
    public double MaxRatio { get; init; } = 500;

    /// <summary>Most members looked at per archive.</summary>
    public int MaxEntries { get; init; } = 100_000;
}
