using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

public sealed partial class CorrelationEngine
{
    /// <summary>
    /// The aggregate of one group's sliding window, kept up to date as entries are appended in time order,
    /// so that an eager condition costs O(1) amortized per event instead of a rescan of the window (a long
    /// burst of failed logons in one group made that quadratic). Positions are absolute: entry <c>i</c> of
    /// the list is position <c>Offset + i</c>. Any change other than an append or removal of expired entries
    /// at the front drops the window; it is rebuilt from the list on the next append.
    /// </summary>
    sealed class Window
    {
        readonly CorrelationType _type;
        readonly Dictionary<string, int>? _texts;   // value_count: text → occurrences in the window
        readonly int[]? _members;                   // temporal: occurrences per member
        readonly List<long>[]? _positions;          // temporal_ordered: positions per member, ascending
        readonly int[]? _head;                      // temporal_ordered: first live index in _positions[m]
        int _distinct;

        public Window(CompiledCorrelation c)
        {
            _type = c.Type;
            switch (_type)
            {
                case CorrelationType.ValueCount: _texts = new Dictionary<string, int>(StringComparer.Ordinal); break;
                case CorrelationType.Temporal: _members = new int[c.Members.Count]; break;
                case CorrelationType.TemporalOrdered:
                    _positions = new List<long>[c.Members.Count];
                    for (var m = 0; m < _positions.Length; m++) _positions[m] = [];
                    _head = new int[c.Members.Count];
                    break;
            }
        }

        /// <summary>Entries removed from the front of the list since the window was built.</summary>
        public long Offset;
        /// <summary>Position of the window's first entry.</summary>
        public long Start;
        /// <summary>Position one past the window's last entry.</summary>
        public long End;

        /// <summary>Whether the window's aggregate is maintained incrementally for this type (else only its bounds).</summary>
        public static bool Supports(CorrelationType type) =>
            type is CorrelationType.EventCount or CorrelationType.ValueCount or CorrelationType.Temporal or CorrelationType.TemporalOrdered;

        public void Include(in Entry e, long position)
        {
            switch (_type)
            {
                case CorrelationType.ValueCount when e.Input.Text is { } t:
                    ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_texts!, t, out _);
                    if (n++ == 0) _distinct++;
                    break;
                case CorrelationType.Temporal:
                    if (_members![e.Member]++ == 0) _distinct++;
                    break;
                case CorrelationType.TemporalOrdered:
                    _positions![e.Member].Add(position);
                    break;
            }
        }

        public void Exclude(in Entry e)
        {
            switch (_type)
            {
                case CorrelationType.ValueCount when e.Input.Text is { } t:
                    ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_texts!, t);
                    if (--n == 0)
                    {
                        _texts!.Remove(t);
                        _distinct--;
                    }
                    break;
                case CorrelationType.Temporal:
                    if (--_members![e.Member] == 0) _distinct--;
                    break;
                case CorrelationType.TemporalOrdered:
                    var list = _positions![e.Member];
                    if (++_head![e.Member] > 64 && _head[e.Member] * 2 > list.Count)
                    {
                        list.RemoveRange(0, _head[e.Member]);
                        _head[e.Member] = 0;
                    }
                    break;
            }
        }

        /// <summary>The aggregate over [Start, End), as <see cref="Evaluate"/> computes it.</summary>
        public double Value => _type switch
        {
            CorrelationType.EventCount => End - Start,
            CorrelationType.ValueCount or CorrelationType.Temporal => _distinct,
            CorrelationType.TemporalOrdered => OrderedCount(),
            _ => double.NaN, // not maintained: the caller evaluates the window's entries
        };

        /// <summary>Members 0, 1, 2 … in order: the first position of each member after the previous member's.</summary>
        int OrderedCount()
        {
            var previous = long.MinValue;
            var next = 0;
            for (; next < _positions!.Length; next++)
            {
                var list = _positions[next];
                int lo = _head![next], hi = list.Count;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (list[mid] > previous) hi = mid;
                    else lo = mid + 1;
                }
                if (lo == list.Count) break;
                previous = list[lo];
            }
            return next;
        }
    }

    /// <summary>
    /// After an entry was appended to <paramref name="state"/>'s list: moves the group's window to end at it
    /// (building it when there is none) and returns the window's first index and aggregate.
    /// </summary>
    static (int Start, double Value) Slide(CompiledCorrelation c, GroupState state, long span)
    {
        var list = state.Entries;
        var last = list.Count - 1;
        var time = list[last].Time;
        var w = state.Window;
        if (w is null)
        {
            var start = last;
            while (start > 0 && time - list[start - 1].Time <= span) start--;
            state.Window = w = new Window(c) { Start = start, End = start };
        }
        for (; w.End - w.Offset <= last; w.End++) w.Include(list[(int)(w.End - w.Offset)], w.End);
        for (; time - list[(int)(w.Start - w.Offset)].Time > span; w.Start++) w.Exclude(list[(int)(w.Start - w.Offset)]);
        return ((int)(w.Start - w.Offset), w.Value);
    }

    /// <summary>The first <paramref name="count"/> entries of the group's list were removed.</summary>
    static void RemovedFront(GroupState state, int count)
    {
        if (state.Window is not { } w || count == 0) return;
        w.Offset += count;
        if (w.Start < w.Offset) state.Window = null;
    }
}
