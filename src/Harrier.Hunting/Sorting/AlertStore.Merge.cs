using System.Buffers.Binary;
using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Sorting;

/// <summary>The k-way merge of every store's runs and memory, and the sorted sources it reads.</summary>
internal sealed partial class AlertStore
{
    /// <summary>Every alert of every store, in <see cref="AlertOrder"/>; alerts equal in all its keys by their records' bytes.</summary>
    /// <param name="withDetails">False leaves <see cref="Alert.Details"/> empty (for statistics only: no string per alert).</param>
    public static IEnumerable<Alert> Merge(IReadOnlyList<AlertStore> stores, bool withDetails = true)
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
            var decoder = new AlertDecoder(context, withDetails);
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
            if (_next >= store._entries.Count) return false;
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
