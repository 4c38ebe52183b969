namespace Harrier.Hunting.Sorting;

/// <summary>
/// Collects items and gives them back in order without holding them all in memory: items are buffered up to a
/// memory budget, then sorted and spilled as a run to a temp file; <see cref="Merge"/> k-way merges every run and
/// buffer of several sorters (one per worker thread). Not thread-safe: one sorter per thread.
/// </summary>
public sealed class ExternalSorter<T> : IDisposable
{
    readonly IComparer<T> _order;
    readonly IRecordCodec<T> _codec;
    readonly MemoryBudget _budget;
    readonly string _tempDirectory;
    readonly List<T> _buffer = [];
    readonly List<string> _runs = [];
    long _bytes;
    bool _sorted;

    public ExternalSorter(IComparer<T> order, IRecordCodec<T> codec, long memoryBudget, string tempDirectory)
        : this(order, codec, new MemoryBudget(memoryBudget), tempDirectory)
    {
    }

    /// <param name="budget">The memory this sorter shares with others (one per worker).</param>
    public ExternalSorter(IComparer<T> order, IRecordCodec<T> codec, MemoryBudget budget, string tempDirectory)
    {
        _order = order;
        _codec = codec;
        _budget = budget;
        _tempDirectory = tempDirectory;
    }

    public long Count { get; private set; }

    /// <summary>Runs spilled to disk so far.</summary>
    public int Runs => _runs.Count;

    public void Add(T item)
    {
        _buffer.Add(item);
        _sorted = false;
        Count++;
        var size = _codec.EstimateSize(item) + 32;
        _bytes += size;
        _budget.Add(size);
        if (_budget.Exceeded(_bytes)) Spill();
    }

    /// <summary>Sorts the items held in memory now (e.g. on the worker's thread) rather than in <see cref="Merge"/>.</summary>
    public void SortInMemory()
    {
        if (_sorted) return;
        _buffer.Sort(_order);
        _sorted = true;
    }

    void Spill()
    {
        SortInMemory();
        Directory.CreateDirectory(_tempDirectory);
        var path = Path.Combine(_tempDirectory, $"run-{Guid.NewGuid():N}.bin");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new BinaryWriter(stream))
        {
            w.Write(_buffer.Count);
            foreach (var item in _buffer) _codec.Write(w, item);
        }
        _runs.Add(path);
        _buffer.Clear();
        _sorted = false;
        _budget.Add(-_bytes);
        _bytes = 0;
    }

    /// <summary>Every item of every sorter, in order (ties keep sorter order).</summary>
    public static IEnumerable<T> Merge(IReadOnlyList<ExternalSorter<T>> sorters, IComparer<T> order)
    {
        var sources = new List<IEnumerator<T>>();
        try
        {
            foreach (var s in sorters)
            {
                foreach (var run in s._runs) sources.Add(ReadRun(run, s._codec).GetEnumerator());
                if (ReferenceEquals(order, s._order)) s.SortInMemory();
                else s._buffer.Sort(order);
                sources.Add(s._buffer.GetEnumerator());
            }
            var queue = new PriorityQueue<int, (T Item, int Source)>(
                Comparer<(T Item, int Source)>.Create((a, b) =>
                {
                    var c = order.Compare(a.Item, b.Item);
                    return c != 0 ? c : a.Source.CompareTo(b.Source);
                }));
            for (var i = 0; i < sources.Count; i++)
                if (sources[i].MoveNext()) queue.Enqueue(i, (sources[i].Current, i));
            while (queue.TryDequeue(out var i, out var top))
            {
                yield return top.Item;
                if (sources[i].MoveNext()) queue.Enqueue(i, (sources[i].Current, i));
            }
        }
        finally
        {
            foreach (var s in sources) s.Dispose();
        }
    }

    static IEnumerable<T> ReadRun(string path, IRecordCodec<T> codec)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var r = new BinaryReader(stream);
        var n = r.ReadInt32();
        for (var i = 0; i < n; i++) yield return codec.Read(r);
    }

    public void Dispose()
    {
        foreach (var run in _runs)
        {
            try { File.Delete(run); }
            catch (IOException) { }
        }
        _runs.Clear();
        _buffer.Clear();
    }
}
