using System.Buffers.Binary;
using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Details;

namespace Harrier.Hunting.Sorting;

/// <summary>
/// One worker's alerts, kept as compact binary records (see <see cref="AlertRecord"/>) rather than objects:
/// the event's field ids and characters are copied once per event (shared by every rule that fired on it),
/// with no per-field strings. Records stay in memory up to a budget; past it the entries are sorted and
/// written as a run to a temp file, and the memory is reused. <see cref="Merge"/> k-way merges every store's
/// runs and memory in <see cref="AlertOrder"/> and only then makes <see cref="Alert"/> objects, whose
/// <see cref="Alert.Fields"/> read the record in place (<see cref="AlertFieldList"/>). Not thread-safe: one
/// store per thread.
/// </summary>
internal sealed partial class AlertStore : IDisposable
{
    /// <summary>In-memory cost of one entry (the struct plus slack), counted against the budget.</summary>
    const int EntryBytes = 48;

    readonly AlertStoreContext _context;
    readonly MemoryBudget _budget;
    readonly string _tempDirectory;
    readonly int _chunkBytes;
    readonly List<byte[]> _chunks = [];
    readonly List<byte[]> _spare = [];
    readonly List<(string Path, int Count)> _runs = [];
    readonly NativeList<Entry> _entries = new();
    int _chunkUsed;
    long _bytes;
    int _seq;
    bool _sorted;

    public AlertStore(AlertStoreContext context, long memoryBudget, string tempDirectory)
        : this(context, new MemoryBudget(memoryBudget), memoryBudget, tempDirectory)
    {
    }

    /// <param name="budget">The memory this store shares with the other workers' stores.</param>
    /// <param name="share">This store's share of it (sizes the blocks records are written to).</param>
    public AlertStore(AlertStoreContext context, MemoryBudget budget, long share, string tempDirectory)
    {
        _context = context;
        _budget = budget;
        _tempDirectory = tempDirectory;
        _chunkBytes = (int)Math.Clamp(share / 4, 4096, 1 << 20);
    }

    /// <summary>Alerts added.</summary>
    public long Count { get; private set; }

    /// <summary>Runs spilled to disk so far.</summary>
    public int Runs => _runs.Count;

    /// <summary>One alert per rule in <paramref name="rules"/> (alert rule indexes) for the event <paramref name="e"/>.</summary>
    public void AddEvent(EventFields e, int fileIndex, ulong recordId, ReadOnlySpan<int> rules, DetailsWriter details)
    {
        var kept = _context.KeptFields;
        int count = 0, chars = 0, computer = -1, channel = -1, provider = -1;
        var ascii = true;
        for (var i = 0; i < e.Count; i++)
        {
            var id = e.FieldId(i);
            if (!Keeps(kept, id)) continue;
            if (id == FieldNames.Computer && computer < 0) computer = count;
            else if (id == FieldNames.Channel && channel < 0) channel = count;
            else if (id == FieldNames.Provider && provider < 0) provider = count;
            var v = e.Value(i);
            chars += v.Length;
            ascii = ascii && System.Text.Ascii.IsValid(v);
            count++;
        }
        var size = AlertRecord.Size(count, details.Length, chars, ascii, 0);
        var record = Reserve(size, out var chunk, out var offset);
        var w = new AlertRecord.Writer(record, e.TimeCreated, recordId, fileIndex, e.EventId, e.Carved, count, details.Length, ascii,
            computer, channel, provider);
        details.CopyTo(w.Details);
        for (var i = 0; i < e.Count; i++)
            if (Keeps(kept, e.FieldId(i))) w.AddField(e.SpellingId(i), e.Value(i));
        foreach (var rule in rules) AddEntry(e.TimeCreated, recordId, fileIndex, rule, chunk, offset, size);
        Settle();
    }

    /// <summary>Whether alerts keep field <paramref name="id"/>: all do when <paramref name="kept"/> is null.</summary>
    static bool Keeps(bool[]? kept, int id) => kept is null || (uint)id < (uint)kept.Length && kept[id];

    /// <summary>
    /// A correlation alert: the event columns from <paramref name="context"/> (the event that completed it; null for none),
    /// plus <paramref name="correlation"/>.
    /// </summary>
    public void AddCorrelation(long time, CorrelationInput? context, int rule, string details, AlertCorrelation correlation)
    {
        var fields = context?.Fields ?? [];
        var chars = 0;
        var ascii = true;
        foreach (var (_, v) in fields)
        {
            chars += v.Length;
            ascii = ascii && System.Text.Ascii.IsValid(v);
        }
        var blob = AlertRecord.CorrelationSize(correlation);
        var size = AlertRecord.Size(fields.Length, details.Length, chars, ascii, blob);
        var record = Reserve(size, out var chunk, out var offset);
        var fileIndex = context?.FileIndex ?? -1;
        var recordId = context?.RecordId ?? 0;
        int First(int id) => Array.FindIndex(fields, f => f.FieldId == id);
        var w = new AlertRecord.Writer(record, time, recordId, fileIndex, context?.EventId ?? -1, context?.Carved ?? false, fields.Length,
            details.Length, ascii, First(FieldNames.Computer), First(FieldNames.Channel), First(FieldNames.Provider));
        details.CopyTo(w.Details);
        foreach (var (id, v) in fields) w.AddField(FieldNames.CanonicalSpelling(id), v); // the inputs keep field ids only
        w.AddCorrelation(correlation);
        AddEntry(time, recordId, fileIndex, rule, chunk, offset, size);
        Settle();
    }

    void AddEntry(long time, ulong recordId, int fileIndex, int rule, int chunk, int offset, int length)
    {
        _entries.Add(new Entry(time, recordId, fileIndex, rule, _seq++, chunk, offset, length));
        _sorted = false;
        Hold(EntryBytes);
        Count++;
    }

    void Settle()
    {
        if (_budget.Exceeded(_bytes)) Spill();
    }

    Span<byte> Reserve(int size, out int chunk, out int offset)
    {
        if (_chunks.Count == 0 || _chunkUsed + size > _chunks[^1].Length)
        {
            byte[] c;
            if (size <= _chunkBytes && _spare.Count > 0)
            {
                c = _spare[^1];
                _spare.RemoveAt(_spare.Count - 1);
            }
            else c = new byte[Math.Max(_chunkBytes, size)];
            _chunks.Add(c);
            _chunkUsed = 0;
            Hold(c.Length);
        }
        chunk = _chunks.Count - 1;
        offset = _chunkUsed;
        _chunkUsed += size;
        return _chunks[chunk].AsSpan(offset, size);
    }

    /// <summary>Sorts the entries held in memory now (e.g. on the worker's thread) rather than in <see cref="Merge"/>.</summary>
    public void SortInMemory()
    {
        if (_sorted) return;
        _entries.AsSpan().Sort(new EntryOrder(this));
        _sorted = true;
    }

    void Spill()
    {
        SortInMemory();
        Directory.CreateDirectory(_tempDirectory);
        var path = Path.Combine(_tempDirectory, $"alerts-{Guid.NewGuid():N}.bin");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> head = stackalloc byte[8];
            var entries = _entries.AsSpan();
            for (var i = 0; i < entries.Length; i++)
            {
                ref readonly var en = ref entries[i];
                // Rules that fired on one event share its record and sort next to each other: written once,
                // then length −1 ("the previous record").
                var same = i > 0 && entries[i - 1].Chunk == en.Chunk && entries[i - 1].Offset == en.Offset;
                BinaryPrimitives.WriteInt32LittleEndian(head, en.Rule);
                BinaryPrimitives.WriteInt32LittleEndian(head[4..], same ? -1 : en.Length);
                stream.Write(head);
                if (!same) stream.Write(_chunks[en.Chunk].AsSpan(en.Offset, en.Length));
            }
        }
        _runs.Add((path, _entries.Count));
        foreach (var c in _chunks)
            if (c.Length == _chunkBytes) _spare.Add(c);
        _chunks.Clear();
        _entries.Clear();
        _chunkUsed = 0;
        Hold(-_bytes);
        _sorted = false;
    }

    void Hold(long bytes)
    {
        _bytes += bytes;
        _budget.Add(bytes);
    }

    ReadOnlySpan<byte> RecordOf(in Entry e) => _chunks[e.Chunk].AsSpan(e.Offset, e.Length);

    public void Dispose()
    {
        foreach (var (path, _) in _runs)
        {
            try { File.Delete(path); }
            catch (IOException) { }
        }
        _runs.Clear();
        _chunks.Clear();
        _spare.Clear();
        _entries.Dispose();
    }

    readonly record struct Entry(long Time, ulong RecordId, int FileIndex, int Rule, int Seq, int Chunk, int Offset, int Length);

    sealed class EntryOrder(AlertStore store) : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b)
        {
            var c = store._context.CompareKeys(a.Time, a.FileIndex, a.RecordId, a.Rule, b.Time, b.FileIndex, b.RecordId, b.Rule);
            if (c != 0) return c;
            var ra = store.RecordOf(a);
            var rb = store.RecordOf(b);
            c = AlertRecord.Details(ra).SequenceCompareTo(AlertRecord.Details(rb));
            if (c != 0) return c;
            c = ra.SequenceCompareTo(rb); // as in Compare(Source, Source)
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        }
    }
}
