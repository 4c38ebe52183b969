namespace Harrier.Hunting.Sorting;

/// <summary>
/// Memory that several workers' stores use together (alert records, or events kept for the correlations). Each store
/// counts what it holds here and spills its items to disk once the total reaches the budget, if it holds at least
/// <c>budget / (2 × holders)</c> itself: whether anything spills then depends on the input, not on how it happened to be
/// split between the workers (a fixed share per worker spilled on some runs and not on others). The total stays below
/// 1.5 × the budget. Thread-safe.
/// </summary>
public sealed class MemoryBudget
{
    readonly long _bytes;
    readonly long _minimumHeld;
    long _used;

    /// <param name="bytes">The budget.</param>
    /// <param name="holders">How many stores share it.</param>
    public MemoryBudget(long bytes, int holders = 1)
    {
        _bytes = Math.Max(1, bytes);
        _minimumHeld = Math.Max(1, _bytes / (2L * Math.Max(1, holders)));
    }

    /// <summary>Bytes the stores hold now.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>A store holds <paramref name="delta"/> bytes more (negative: fewer).</summary>
    public void Add(long delta) => Interlocked.Add(ref _used, delta);

    /// <summary>Whether a store holding <paramref name="held"/> bytes should spill now.</summary>
    public bool Exceeded(long held) => held >= _minimumHeld && Volatile.Read(ref _used) >= _bytes;
}
