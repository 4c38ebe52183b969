using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
internal sealed class AlertStore : IDisposable
{
    /// <summary>In-memory cost of one entry (the struct plus slack), counted against the budget.</summary>
    const int EntryBytes = 48;

    readonly AlertStoreContext _context;
    readonly long _budget;
    readonly string _tempDirectory;
    readonly int _chunkBytes;
    readonly List<byte[]> _chunks = [];
    readonly List<byte[]> _spare = [];
    readonly List<(string Path, int Count)> _runs = [];
    Entry[] _entries = new Entry[256];
    int _count;
    int _chunkUsed;
    long _bytes;
    int _seq;
    bool _sorted;

    public AlertStore(AlertStoreContext context, long memoryBudget, string tempDirectory)
    {
        _context = context;
        _budget = Math.Max(1, memoryBudget);
        _tempDirectory = tempDirectory;
        _chunkBytes = (int)Math.Clamp(memoryBudget / 4, 4096, 1 << 20);
    }

    /// <summary>Alerts added.</summary>
    public long Count { get; private set; }

    /// <summary>Runs spilled to disk so far.</summary>
    public int Runs => _runs.Count;

    /// <summary>One alert per rule in <paramref name="rules"/> (alert rule indexes) for the event <paramref name="e"/>.</summary>
    public void AddEvent(EventFields e, int fileIndex, ulong recordId, ReadOnlySpan<int> rules, DetailsWriter details)
    {
        var chars = 0;
        var ascii = true;
        for (var i = 0; i < e.Count; i++)
        {
            var v = e.Value(i);
            chars += v.Length;
            ascii = ascii && System.Text.Ascii.IsValid(v);
        }
        var size = AlertRecord.Size(e.Count, details.Length, chars, ascii, 0);
        var record = Reserve(size, out var chunk, out var offset);
        var w = new AlertRecord.Writer(record, e.TimeCreated, recordId, fileIndex, e.EventId, e.Carved, e.Count, details.Length, ascii,
            e.IndexOf(FieldNames.Computer, 0), e.IndexOf(FieldNames.Channel, 0), e.IndexOf(FieldNames.Provider, 0));
        details.CopyTo(w.Details);
        for (var i = 0; i < e.Count; i++) w.AddField(e.FieldId(i), e.Value(i));
        foreach (var rule in rules) AddEntry(e.TimeCreated, recordId, fileIndex, rule, chunk, offset, size);
        Settle();
    }

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
        foreach (var (id, v) in fields) w.AddField(id, v);
        w.AddCorrelation(correlation);
        AddEntry(time, recordId, fileIndex, rule, chunk, offset, size);
        Settle();
    }

    void AddEntry(long time, ulong recordId, int fileIndex, int rule, int chunk, int offset, int length)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = new Entry(time, recordId, fileIndex, rule, _seq++, chunk, offset, length);
        _sorted = false;
        _bytes += EntryBytes;
        Count++;
    }

    void Settle()
    {
        if (_bytes >= _budget) Spill();
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
            _bytes += c.Length;
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
        Array.Sort(_entries, 0, _count, new EntryOrder(this));
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
            for (var i = 0; i < _count; i++)
            {
                ref readonly var en = ref _entries[i];
                // Rules that fired on one event share its record and sort next to each other: written once,
                // then length −1 ("the previous record").
                var same = i > 0 && _entries[i - 1].Chunk == en.Chunk && _entries[i - 1].Offset == en.Offset;
                BinaryPrimitives.WriteInt32LittleEndian(head, en.Rule);
                BinaryPrimitives.WriteInt32LittleEndian(head[4..], same ? -1 : en.Length);
                stream.Write(head);
                if (!same) stream.Write(_chunks[en.Chunk].AsSpan(en.Offset, en.Length));
            }
        }
        _runs.Add((path, _count));
        foreach (var c in _chunks)
            if (c.Length == _chunkBytes) _spare.Add(c);
        _chunks.Clear();
        _count = 0;
        _chunkUsed = 0;
        _bytes = 0;
        _sorted = false;
    }

    ReadOnlySpan<byte> RecordOf(in Entry e) => _chunks[e.Chunk].AsSpan(e.Offset, e.Length);

    /// <summary>Every alert of every store, in <see cref="AlertOrder"/>; alerts equal in all its keys by their records' bytes.</summary>
    public static IEnumerable<Alert> Merge(IReadOnlyList<AlertStore> stores)
    {
        if (stores.Count == 0) yield break;
        var context = stores[0]._context;
        var sources = new List<Source>();
        try
        {
            foreach (var s in stores)
            {
                foreach (var (path, count) in s._runs) sources.Add(new RunSource(path, count));
                s.SortInMemory();
                s._spare.Clear();
                sources.Add(new MemorySource(s));
            }
            for (var i = 0; i < sources.Count; i++) sources[i].Index = i;
            var heap = new Source[sources.Count];
            var n = 0;
            foreach (var s in sources)
                if (s.MoveNext()) heap[n++] = s;
            for (var i = n / 2 - 1; i >= 0; i--) SiftDown(heap, n, i, context);
            var decoder = new AlertDecoder(context);
            while (n > 0)
            {
                var top = heap[0];
                yield return decoder.Decode(top.Rule, top.Buffer, top.Offset, top.Length);
                if (!top.MoveNext()) heap[0] = heap[--n];
                SiftDown(heap, n, 0, context);
            }
        }
        finally
        {
            foreach (var s in sources) s.Dispose();
        }
    }

    static void SiftDown(Source[] heap, int n, int i, AlertStoreContext context)
    {
        var item = heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && Compare(heap[child + 1], heap[child], context) < 0) child++;
            if (Compare(item, heap[child], context) <= 0) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    static int Compare(Source a, Source b, AlertStoreContext context)
    {
        var c = context.CompareKeys(a.Time, a.FileIndex, a.RecordId, a.Rule, b.Time, b.FileIndex, b.RecordId, b.Rule);
        if (c != 0) return c;
        var ra = a.Buffer.AsSpan(a.Offset, a.Length);
        var rb = b.Buffer.AsSpan(b.Offset, b.Length);
        c = AlertRecord.Details(ra).SequenceCompareTo(AlertRecord.Details(rb));
        if (c != 0) return c;
        // Equal in every AlertOrder key: the records' bytes decide, so the order never depends on which worker
        // read which event (byte-identical records give identical output whichever comes first).
        c = ra.SequenceCompareTo(rb);
        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

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
        _count = 0;
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

    /// <summary>A sorted stream of records: a run file or a store's memory.</summary>
    abstract class Source : IDisposable
    {
        public int Index;
        public long Time;
        public ulong RecordId;
        public int FileIndex;
        public int Rule;
        public byte[] Buffer = [];
        public int Offset;
        public int Length;

        public abstract bool MoveNext();

        protected void SetFrom(int rule, byte[] buffer, int offset, int length)
        {
            Rule = rule;
            Buffer = buffer;
            Offset = offset;
            Length = length;
            AlertRecord.Key(buffer.AsSpan(offset, length), out Time, out RecordId, out FileIndex);
        }

        public virtual void Dispose() { }
    }

    sealed class MemorySource(AlertStore store) : Source
    {
        int _next;

        public override bool MoveNext()
        {
            if (_next >= store._count) return false;
            ref readonly var e = ref store._entries[_next++];
            SetFrom(e.Rule, store._chunks[e.Chunk], e.Offset, e.Length);
            return true;
        }
    }

    /// <summary>
    /// Reads a run through one reused buffer and copies each record into its own array (shared by the alerts of
    /// one event): alerts made from a record keep reading their fields from it, and a small array per event is
    /// cheaper than fresh large blocks (page faults) or blocks kept alive by one alert.
    /// </summary>
    sealed class RunSource(string path, int count) : Source
    {
        readonly FileStream _stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        readonly byte[] _head = new byte[8];
        int _left = count;

        public override bool MoveNext()
        {
            if (_left == 0) return false;
            _left--;
            _stream.ReadExactly(_head);
            var rule = BinaryPrimitives.ReadInt32LittleEndian(_head);
            var length = BinaryPrimitives.ReadInt32LittleEndian(_head.AsSpan(4));
            if (length >= 0)
            {
                var record = GC.AllocateUninitializedArray<byte>(length);
                _stream.ReadExactly(record);
                Buffer = record;
            }
            else if (Buffer.Length == 0) throw new InvalidDataException($"alert run {path}: no previous record");
            SetFrom(rule, Buffer, 0, Buffer.Length);
            return true;
        }

        public override void Dispose() => _stream.Dispose();
    }
}

/// <summary>What every <see cref="AlertStore"/> of one hunt shares: the rule table, the file names and their sort ranks.</summary>
internal sealed class AlertStoreContext
{
    readonly int[] _ruleRank;
    readonly int[] _fileRank;

    /// <param name="rules">Alert rules by index (the index records and entries carry).</param>
    /// <param name="fileNames">Input file names by index; records without a file use index −1 (the name "").</param>
    public AlertStoreContext(IReadOnlyList<AlertRule> rules, IReadOnlyList<string> fileNames)
    {
        Rules = rules;
        FileNames = fileNames;
        // Ranks give the AlertOrder comparisons of rule id + title and of file names as one int compare each;
        // equal keys share a rank so the comparison falls through exactly as AlertOrder's does.
        _ruleRank = Ranks(rules.Count, (a, b) =>
        {
            var c = string.CompareOrdinal(rules[a].Id, rules[b].Id);
            return c != 0 ? c : string.CompareOrdinal(rules[a].Title, rules[b].Title);
        });
        string Name(int i) => i == 0 ? "" : fileNames[i - 1];
        _fileRank = Ranks(fileNames.Count + 1, (a, b) => string.CompareOrdinal(Name(a), Name(b)));
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public IReadOnlyList<string> FileNames { get; }

    static int[] Ranks(int n, Comparison<int> order)
    {
        var sorted = Enumerable.Range(0, n).ToArray();
        Array.Sort(sorted, order);
        var rank = new int[n];
        for (var i = 1; i < n; i++)
            rank[sorted[i]] = order(sorted[i - 1], sorted[i]) == 0 ? rank[sorted[i - 1]] : i;
        return rank;
    }

    /// <summary>Time, file, record id, rule id and title: <see cref="AlertOrder"/> up to the details.</summary>
    public int CompareKeys(long timeA, int fileA, ulong recordA, int ruleA, long timeB, int fileB, ulong recordB, int ruleB)
    {
        var c = timeA.CompareTo(timeB);
        if (c != 0) return c;
        c = _fileRank[fileA + 1].CompareTo(_fileRank[fileB + 1]);
        if (c != 0) return c;
        c = recordA.CompareTo(recordB);
        if (c != 0) return c;
        return _ruleRank[ruleA].CompareTo(_ruleRank[ruleB]);
    }
}

/// <summary>
/// Makes <see cref="Alert"/>s from records. Computer, channel and provider strings repeat across thousands of
/// alerts: they are pooled (a bounded pool, so odd input cannot grow it without limit).
/// </summary>
internal sealed class AlertDecoder(AlertStoreContext context)
{
    const int MaxPooled = 1 << 16;
    readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public Alert Decode(int ruleIndex, byte[] buffer, int offset, int length)
    {
        var record = buffer.AsSpan(offset, length);
        var h = new AlertRecord.Header(record);
        var fields = new AlertFieldList(buffer, offset + AlertRecord.HeaderBytes, h.FieldCount, offset + h.FieldCharsOffset, h.Ascii);
        var rule = context.Rules[ruleIndex];
        return new Alert
        {
            TimeCreated = h.Time,
            Computer = Pooled(fields, h.ComputerField),
            Channel = Pooled(fields, h.ChannelField),
            Provider = Pooled(fields, h.ProviderField),
            EventId = h.EventId,
            RecordId = h.RecordId,
            File = h.FileIndex < 0 ? "" : context.FileNames[h.FileIndex],
            Rule = rule,
            Level = rule.Level,
            Details = AlertRecord.Details(record).ToString(),
            Fields = fields,
            Carved = h.Carved,
            Correlation = h.HasCorrelation ? AlertRecord.ReadCorrelation(record[h.CorrelationOffset..]) : null,
        };
    }

    string Pooled(AlertFieldList fields, int index)
    {
        if (index < 0) return "";
        if (!fields.IsAscii) return Pooled(fields.Utf16Value(index));
        var ascii = fields.AsciiValue(index);
        if (ascii.Length > 256) return fields.Value(index);
        Span<char> chars = stackalloc char[ascii.Length];
        System.Text.Ascii.ToUtf16(ascii, chars, out _);
        return Pooled(chars);
    }

    string Pooled(ReadOnlySpan<char> value)
    {
        var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var s)) return s;
        s = value.ToString();
        if (_pool.Count < MaxPooled) _pool[s] = s;
        return s;
    }
}

/// <summary>
/// The binary layout of one stored alert (little-endian; the per-rule part — rule index — lives in the entry):
/// a <see cref="HeaderBytes"/>-byte header (time, record id, file index, event id, indexes of the computer,
/// channel and provider fields or −1, details length, field count, carved, correlation and ASCII flags), the
/// field table of <see cref="AlertFieldList"/>, the details characters (UTF-16), the field characters (one byte
/// each when all are ASCII, else UTF-16), and for correlation alerts the <see cref="AlertCorrelation"/>.
/// </summary>
internal static class AlertRecord
{
    public const int HeaderBytes = 48;

    public static int Size(int fields, int detailsChars, int fieldChars, bool ascii, int correlationBytes) =>
        checked(HeaderBytes + 8 * fields + 4 + 2 * detailsChars + (ascii ? 1 : 2) * fieldChars + correlationBytes);

    public readonly ref struct Header
    {
        public readonly long Time;
        public readonly ulong RecordId;
        public readonly int FileIndex, EventId, ComputerField, ChannelField, ProviderField, DetailsLength, FieldCount;
        public readonly bool Carved, HasCorrelation, Ascii;

        public Header(ReadOnlySpan<byte> r)
        {
            Time = BinaryPrimitives.ReadInt64LittleEndian(r);
            RecordId = BinaryPrimitives.ReadUInt64LittleEndian(r[8..]);
            FileIndex = BinaryPrimitives.ReadInt32LittleEndian(r[16..]);
            EventId = BinaryPrimitives.ReadInt32LittleEndian(r[20..]);
            ComputerField = BinaryPrimitives.ReadInt32LittleEndian(r[24..]);
            ChannelField = BinaryPrimitives.ReadInt32LittleEndian(r[28..]);
            ProviderField = BinaryPrimitives.ReadInt32LittleEndian(r[32..]);
            DetailsLength = BinaryPrimitives.ReadInt32LittleEndian(r[36..]);
            FieldCount = BinaryPrimitives.ReadInt32LittleEndian(r[40..]);
            Carved = r[44] != 0;
            HasCorrelation = r[45] != 0;
            Ascii = r[46] != 0;
            var starts = HeaderBytes;
            FieldCharsOffset = starts + 8 * FieldCount + 4 + 2 * DetailsLength;
            CorrelationOffset = FieldCharsOffset + (Ascii ? 1 : 2) * BinaryPrimitives.ReadInt32LittleEndian(r[(starts + 4 * FieldCount)..]);
        }

        /// <summary>Byte offset of the field characters in the record.</summary>
        public int FieldCharsOffset { get; }

        public int CorrelationOffset { get; }
    }

    public static void Key(ReadOnlySpan<byte> r, out long time, out ulong recordId, out int fileIndex)
    {
        time = BinaryPrimitives.ReadInt64LittleEndian(r);
        recordId = BinaryPrimitives.ReadUInt64LittleEndian(r[8..]);
        fileIndex = BinaryPrimitives.ReadInt32LittleEndian(r[16..]);
    }

    public static ReadOnlySpan<char> Details(ReadOnlySpan<byte> r)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(r[36..]);
        var fields = BinaryPrimitives.ReadInt32LittleEndian(r[40..]);
        return MemoryMarshal.Cast<byte, char>(r.Slice(HeaderBytes + 8 * fields + 4, 2 * length));
    }

    public ref struct Writer
    {
        readonly Span<byte> _record;
        readonly int _fields;
        readonly int _chars;
        readonly bool _ascii;
        int _field;
        int _charCount;
        int _end;

        public Writer(Span<byte> record, long time, ulong recordId, int fileIndex, int eventId, bool carved, int fields, int detailsLength,
            bool ascii, int computerField, int channelField, int providerField)
        {
            _record = record;
            _fields = fields;
            _ascii = ascii;
            BinaryPrimitives.WriteInt64LittleEndian(record, time);
            BinaryPrimitives.WriteUInt64LittleEndian(record[8..], recordId);
            BinaryPrimitives.WriteInt32LittleEndian(record[16..], fileIndex);
            BinaryPrimitives.WriteInt32LittleEndian(record[20..], eventId);
            BinaryPrimitives.WriteInt32LittleEndian(record[24..], computerField);
            BinaryPrimitives.WriteInt32LittleEndian(record[28..], channelField);
            BinaryPrimitives.WriteInt32LittleEndian(record[32..], providerField);
            BinaryPrimitives.WriteInt32LittleEndian(record[36..], detailsLength);
            BinaryPrimitives.WriteInt32LittleEndian(record[40..], fields);
            record[44] = carved ? (byte)1 : (byte)0;
            record[45] = 0;
            record[46] = ascii ? (byte)1 : (byte)0;
            record[47] = 0;
            BinaryPrimitives.WriteInt32LittleEndian(record[HeaderBytes..], 0);
            _chars = HeaderBytes + 8 * fields + 4 + 2 * detailsLength;
            Details = MemoryMarshal.Cast<byte, char>(record.Slice(HeaderBytes + 8 * fields + 4, 2 * detailsLength));
            _end = _chars;
        }

        public Span<char> Details { get; }

        public void AddField(int id, ReadOnlySpan<char> value)
        {
            if (_ascii) System.Text.Ascii.FromUtf16(value, _record.Slice(_chars + _charCount, value.Length), out _);
            else value.CopyTo(MemoryMarshal.Cast<byte, char>(_record.Slice(_chars + 2 * _charCount, 2 * value.Length)));
            BinaryPrimitives.WriteInt32LittleEndian(_record[(HeaderBytes + 4 * (_fields + 1) + 4 * _field)..], id);
            _field++;
            _charCount += value.Length;
            BinaryPrimitives.WriteInt32LittleEndian(_record[(HeaderBytes + 4 * _field)..], _charCount);
            _end = _chars + (_ascii ? 1 : 2) * _charCount;
        }

        public void AddCorrelation(AlertCorrelation c)
        {
            _record[45] = 1;
            var w = new SpanWriter(_record[_end..]);
            w.String(c.Type);
            w.Int(c.GroupBy.Count);
            foreach (var g in c.GroupBy)
            {
                w.String(g.Name);
                w.String(g.Value);
            }
            w.Long(BitConverter.DoubleToInt64Bits(c.Value));
            w.Int(c.EventCount);
            w.Long(c.FirstTime);
            w.Long(c.LastTime);
            w.Int(c.RuleIds.Count);
            foreach (var id in c.RuleIds) w.String(id);
        }
    }

    public static int CorrelationSize(AlertCorrelation c)
    {
        var n = 4 + 2 * c.Type.Length + 4 + 8 + 4 + 8 + 8 + 4;
        foreach (var g in c.GroupBy) n += 8 + 2 * (g.Name.Length + g.Value.Length);
        foreach (var id in c.RuleIds) n += 4 + 2 * id.Length;
        return n;
    }

    public static AlertCorrelation ReadCorrelation(ReadOnlySpan<byte> blob)
    {
        var r = new SpanReader(blob);
        var type = r.String();
        var group = new AlertField[r.Int()];
        for (var i = 0; i < group.Length; i++) group[i] = new AlertField(r.String(), r.String());
        var value = BitConverter.Int64BitsToDouble(r.Long());
        var events = r.Int();
        var first = r.Long();
        var last = r.Long();
        var rules = new string[r.Int()];
        for (var i = 0; i < rules.Length; i++) rules[i] = r.String();
        return new AlertCorrelation(type, group, value, events, first, last, rules);
    }

    ref struct SpanWriter(Span<byte> span)
    {
        readonly Span<byte> _span = span;
        int _at;

        public void Int(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_span[_at..], v);
            _at += 4;
        }

        public void Long(long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_span[_at..], v);
            _at += 8;
        }

        public void String(string s)
        {
            Int(s.Length);
            s.AsSpan().CopyTo(MemoryMarshal.Cast<byte, char>(_span.Slice(_at, 2 * s.Length)));
            _at += 2 * s.Length;
        }
    }

    ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        readonly ReadOnlySpan<byte> _span = span;
        int _at;

        public int Int()
        {
            var v = BinaryPrimitives.ReadInt32LittleEndian(_span[_at..]);
            _at += 4;
            return v;
        }

        public long Long()
        {
            var v = BinaryPrimitives.ReadInt64LittleEndian(_span[_at..]);
            _at += 8;
            return v;
        }

        public string String()
        {
            var n = Int();
            var s = MemoryMarshal.Cast<byte, char>(_span.Slice(_at, 2 * n)).ToString();
            _at += 2 * n;
            return s;
        }
    }
}
