using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching;

/// <summary>
/// A case-insensitive (ordinal: simple upper-case folding, as <see cref="StringComparison.OrdinalIgnoreCase"/>)
/// multi-needle searcher: one pass over a value reports every needle that occurs in it. Built once;
/// read-only and thread-safe afterwards.
/// </summary>
/// <remarks>
/// Characters that occur in needles get small class numbers; all others share class 0, which no
/// transition uses. The root's transitions are a dense row (most steps of a search end there); the
/// other states keep their few children as (class, state) pairs in one flat array, found by linear
/// scan. Failure links are followed on a miss; output links chain the states that end needles.
/// Memory is linear in the total needle length.
/// </remarks>
internal sealed partial class AhoCorasick
{
    readonly ushort[] _class;
    // the tables are arrays when built here, and slices of the mapped compiled-rule cache when read from it
    readonly Table<int> _root;            // class → state (0 = stay at root)
    readonly Table<int> _childStart;      // state → start in _childClass/_childState; count from _childStart[state + 1]
    readonly Table<ushort> _childClass;
    readonly Table<int> _childState;
    readonly Table<int> _fail;
    readonly Table<int> _outLink;         // next state on the failure chain that ends a needle (0 = none)
    readonly Table<int> _outStart;        // state → its own needle ids in _outIds
    readonly Table<int> _outIds;
    // small automata: a full transition table (state × local class), one read per character; empty tables otherwise
    readonly Table<ushort> _local;        // global class → local class
    readonly Table<byte> _asciiLocal;     // ASCII character → local class (the common case, one read instead of two), when at most 255 local classes
    readonly Table<int> _dfa;             // row of a state (state × local count) + local class → row of the next state, ~row when it ends a needle
    readonly int _localCount;
    readonly Table<int> _outHead;         // state → first state of its output chain (0 = none)
    readonly int _shortest;          // length of the shortest needle: shorter values cannot contain one

    /// <summary>Automata up to this many table cells (4 bytes each) get the full transition table.</summary>
    internal const int MaxDfaCells = 1 << 16;

    /// <param name="needles">The needles (matched ignoring case).</param>
    /// <param name="classes">Character classes covering every needle character (shared by all automata of a rule set).</param>
    public AhoCorasick(IReadOnlyList<string> needles, CharClasses classes)
    {
        NeedleCount = needles.Count;
        _shortest = needles.Count == 0 ? int.MaxValue : needles.Min(n => n.Length);
        Classes = classes;
        _class = classes.Map;
        var cls = _class;
        // trie: states numbered in creation order; the root's children in a dense row, the others' in sibling lists
        var capacity = 1;
        for (var id = 0; id < needles.Count; id++) capacity += needles[id].Length;
        var firstChild = new int[capacity];   // 0 = none (the root is nobody's child)
        var nextSibling = new int[capacity];
        var label = new ushort[capacity];
        var endFirst = new int[capacity];     // first needle id ending here, + 1 (0 = none)
        var endLast = new int[capacity];
        var endNext = new int[needles.Count]; // next needle id ending at the same state, + 1
        var root = new int[classes.Count];
        var states = 1;
        var edges = 0;
        for (var id = 0; id < needles.Count; id++)
        {
            var s = 0;
            foreach (var ch in needles[id])
            {
                var k = cls[ch];
                var t = s == 0 ? root[k] : firstChild[s];
                if (s != 0)
                    while (t != 0 && label[t] != k) t = nextSibling[t];
                if (t == 0)
                {
                    t = states++;
                    label[t] = k;
                    edges++;
                    if (s == 0) root[k] = t;
                    else
                    {
                        nextSibling[t] = firstChild[s];
                        firstChild[s] = t;
                    }
                }
                s = t;
            }
            if (endFirst[s] == 0) endFirst[s] = id + 1;
            else endNext[endLast[s] - 1] = id + 1;
            endLast[s] = id + 1;
        }
        StateCount = states;

        // flat child arrays, grouped by parent in state order
        var childStart = new int[states + 1];
        childStart[1] = CountRootChildren(); // every other state is a child of one state: edges = states - 1
        for (var s = 1; s < states; s++)
        {
            var n = 0;
            for (var t = firstChild[s]; t != 0; t = nextSibling[t]) n++;
            childStart[s + 1] = childStart[s] + n;
        }
        var childClass = new ushort[edges];
        var childState = new int[edges];
        var fill = 0;
        for (var k = 1; k < root.Length; k++)
            if (root[k] != 0)
            {
                childClass[fill] = (ushort)k;
                childState[fill++] = root[k];
            }
        for (var s = 1; s < states; s++)
            for (var t = firstChild[s]; t != 0; t = nextSibling[t])
            {
                childClass[fill] = label[t];
                childState[fill++] = t;
            }
        var order = BreadthFirst(childStart, childState, states);

        // failure and output links, breadth first (a state's failure target is shallower, so done before it)
        var fail = new int[states];
        var outLink = new int[states];
        for (var q = 0; q < states; q++)
        {
            var s = order[q];
            for (var i = childStart[s]; i < childStart[s + 1]; i++)
            {
                var k = childClass[i];
                var t = childState[i];
                if (s != 0)
                {
                    var f = fail[s];
                    int target;
                    while (true)
                    {
                        target = Goto(f, k, root, childStart, childClass, childState);
                        if (target >= 0 || f == 0) break;
                        f = fail[f];
                    }
                    fail[t] = target < 0 ? 0 : target;
                }
                outLink[t] = endFirst[fail[t]] != 0 ? fail[t] : outLink[fail[t]];
            }
        }
        var outStart = new int[states + 1];
        for (var s = 0; s < states; s++)
        {
            var n = 0;
            for (var e = endFirst[s]; e != 0; e = endNext[e - 1]) n++;
            outStart[s + 1] = outStart[s] + n;
        }
        var outIds = new int[outStart[states]];
        for (var s = 0; s < states; s++)
        {
            var o = outStart[s];
            for (var e = endFirst[s]; e != 0; e = endNext[e - 1]) outIds[o++] = e - 1;
        }
        // the full table: classes this automaton uses, numbered locally; a miss follows the failure link once, at build time
        var local = new ushort[classes.Count];
        var localCount = 1;
        foreach (var n in needles)
            foreach (var ch in n)
                if (local[cls[ch]] == 0) local[cls[ch]] = (ushort)localCount++;
        (_root, _childStart, _childClass, _childState) = (root, childStart, childClass, childState);
        (_fail, _outLink, _outStart, _outIds) = (fail, outLink, outStart, outIds);
        if ((long)states * localCount <= MaxDfaCells)
        {
            _localCount = localCount;
            _local = local;
            var (dfa, outHead, ascii) = BuildTable(order);
            (_dfa, _outHead) = (dfa, outHead);
            if (ascii is not null) _asciiLocal = ascii;
        }

        int CountRootChildren()
        {
            var n = 0;
            foreach (var t in root)
                if (t != 0) n++;
            return n;
        }
    }

    /// <summary>The states in breadth-first order (a state's failure target comes before it).</summary>
    static int[] BreadthFirst(ReadOnlySpan<int> childStart, ReadOnlySpan<int> childState, int states)
    {
        var order = new int[states];
        var queued = 1;
        for (var q = 0; q < order.Length; q++)
            for (var i = childStart[order[q]]; i < childStart[order[q] + 1]; i++) order[queued++] = childState[i];
        return order;
    }

    /// <summary>
    /// The full transition table over the local classes (premultiplied rows, complemented when the next state ends a
    /// needle), each state's first output state, and the ASCII shortcut to the local classes (when they fit a byte).
    /// </summary>
    (int[] Dfa, int[] OutHead, byte[]? AsciiLocal) BuildTable(int[] order)
    {
        var width = _localCount;
        var local = _local.Span;
        var childStart = _childStart.Span;
        var childClass = _childClass.Span;
        var childState = _childState.Span;
        var fail = _fail.Span;
        var dfa = new int[StateCount * width];
        foreach (var st in order) // breadth first: a state's failure target is filled before it; a miss follows it once, here
        {
            var row = st * width;
            if (st != 0) Array.Copy(dfa, fail[st] * width, dfa, row, width);
            for (var i = childStart[st]; i < childStart[st + 1]; i++) dfa[row + local[childClass[i]]] = childState[i];
        }
        var outStart = _outStart.Span;
        var outLink = _outLink.Span;
        var outHead = new int[StateCount];
        for (var st = 1; st < outHead.Length; st++) outHead[st] = outStart[st] < outStart[st + 1] ? st : outLink[st];
        for (var i = 0; i < dfa.Length; i++)
        {
            var next = dfa[i];
            dfa[i] = outHead[next] != 0 ? ~(next * width) : next * width;
        }
        byte[]? ascii = null;
        if (width <= byte.MaxValue)
        {
            ascii = new byte[128];
            for (var c = 0; c < 128; c++) ascii[c] = (byte)local[_class[c]];
        }
        return (dfa, outHead, ascii);
    }

    public int NeedleCount { get; }

    /// <summary>The character classes the automaton was built over.</summary>
    public CharClasses Classes { get; }
    public int StateCount { get; }

    /// <summary>Whether the tables are read in place from a mapped compiled-rule cache (not copied).</summary>
    internal bool ReadInPlace => _root.InPlace && _fail.InPlace && (_dfa.Length == 0 || _dfa.InPlace);

    /// <summary>Cells of the full transition table (0 when the automaton is searched through its sparse trie).</summary>
    public int TableCells => _dfa.Length;

    /// <summary>The child of <paramref name="s"/> on class <paramref name="k"/>; at the root 0 means "stay"; −1 when none.</summary>
    static int Goto(int s, int k, ReadOnlySpan<int> root, ReadOnlySpan<int> childStart, ReadOnlySpan<ushort> childClass, ReadOnlySpan<int> childState)
    {
        if (s == 0) return root[k];
        var end = childStart[s + 1];
        for (var i = childStart[s]; i < end; i++)
            if (childClass[i] == k) return childState[i];
        return -1;
    }

    /// <summary>
    /// Sets <c>seen[id] = stamp</c> for every needle occurring in <paramref name="text"/>, and appends the id of each
    /// needle newly stamped to <paramref name="found"/> (grown as needed; <paramref name="foundCount"/> is its length).
    /// </summary>
    public void Search(ReadOnlySpan<char> text, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        if (text.Length < _shortest) return;
        if (_dfa.Length != 0) SearchTable(text, seen, stamp, ref found, ref foundCount);
        else SearchTrie(text, seen, stamp, ref found, ref foundCount);
        GC.KeepAlive(this); // the spans may point into a mapped file, which stays mapped while this automaton is reachable
    }

    /// <summary>
    /// <see cref="Search(ReadOnlySpan{char}, int[], int, ref int[], ref int)"/> over every value of the event (keyword
    /// searches). With a full transition table the search runs in two lanes, one taking the values from the first, the
    /// other from the last: each step of a search waits for the table read of the step before, so two independent
    /// searches in one loop cost little more than one.
    /// </summary>
    public void Search(EventFields e, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        if (_asciiLocal.Length == 0) // no table, or one too wide for the ASCII shortcut: value by value
        {
            for (var i = 0; i < e.Count; i++) Search(e.Value(i), seen, stamp, ref found, ref foundCount);
            return;
        }
        var cls = _class;
        var dfa = _dfa.Span;
        var local = _local.Span;
        var ascii = _asciiLocal.Span;
        ReadOnlySpan<char> a = default, b = default; // the lanes' values, less what they have searched
        int ra = 0, rb = 0;                          // the lanes' rows
        int next = 0, last = e.Count - 1;            // values not yet taken
        while (true)
        {
            while (a.IsEmpty)
            {
                if (next > last) goto Finish;
                a = e.Value(next++);
                ra = 0;
                if (a.Length < _shortest) a = default;
            }
            while (b.IsEmpty)
            {
                if (next > last) goto Finish;
                b = e.Value(last--);
                rb = 0;
                if (b.Length < _shortest) b = default;
            }
            var n = Math.Min(a.Length, b.Length);
            var sa = a[..n];
            var sb = b[..n];
            for (var j = 0; j < sa.Length; j++)
            {
                var ca = sa[j];
                var cb = sb[j];
                ra = dfa[ra + (ca < 128 ? ascii[ca] : local[cls[ca]])];
                rb = dfa[rb + (cb < 128 ? ascii[cb] : local[cls[cb]])];
                if ((ra | rb) >= 0) continue;
                if (ra < 0) ra = ReportRow(ra, seen, stamp, ref found, ref foundCount);
                if (rb < 0) rb = ReportRow(rb, seen, stamp, ref found, ref foundCount);
            }
            a = a[n..];
            b = b[n..];
        }
        Finish:
        SearchTableFrom(ra, a, seen, stamp, ref found, ref foundCount);
        SearchTableFrom(rb, b, seen, stamp, ref found, ref foundCount);
        GC.KeepAlive(this);
    }

    /// <summary>Reports the needles ending at the state of a marked row (~row); returns the row.</summary>
    int ReportRow(int marked, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        var row = ~marked;
        Report(_outHead[row / _localCount], seen, stamp, ref found, ref foundCount);
        return row;
    }

    void SearchTrie(ReadOnlySpan<char> text, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        var cls = _class;
        var root = _root.Span;
        var childStart = _childStart.Span;
        var childClass = _childClass.Span;
        var childState = _childState.Span;
        var fail = _fail.Span;
        var outStart = _outStart.Span;
        var outLink = _outLink.Span;
        var s = 0;
        foreach (var ch in text)
        {
            var k = cls[ch];
            if (k == 0)
            {
                s = 0; // a character no needle contains: every partial match ends
                continue;
            }
            while (true) // Goto, inlined
            {
                var t = -1;
                if (s == 0) t = root[k];
                else
                    for (int i = childStart[s], end = childStart[s + 1]; i < end; i++)
                        if (childClass[i] == k)
                        {
                            t = childState[i];
                            break;
                        }
                if (t >= 0)
                {
                    s = t;
                    break;
                }
                s = fail[s];
            }
            if (s == 0) continue;
            var o = outStart[s] < outStart[s + 1] ? s : outLink[s];
            if (o != 0) Report(o, seen, stamp, ref found, ref foundCount); // most states end no needle: no call
        }
    }

    void SearchTable(ReadOnlySpan<char> text, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        if (_asciiLocal.Length == 0)
        {
            var cls = _class;
            var dfa = _dfa.Span;
            var local = _local.Span;
            var s = 0;
            foreach (var ch in text)
            {
                s = dfa[s + local[cls[ch]]];
                if (s < 0) s = ReportRow(s, seen, stamp, ref found, ref foundCount);
            }
            return;
        }
        SearchTableFrom(0, text, seen, stamp, ref found, ref foundCount);
    }

    /// <summary>The table search with the ASCII shortcut, from row <paramref name="row"/>.</summary>
    void SearchTableFrom(int row, ReadOnlySpan<char> text, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        var cls = _class;
        var dfa = _dfa.Span;
        var local = _local.Span;
        var ascii = _asciiLocal.Span;
        foreach (var ch in text)
        {
            row = dfa[row + (ch < 128 ? ascii[ch] : local[cls[ch]])];
            if (row < 0) row = ReportRow(row, seen, stamp, ref found, ref foundCount);
        }
    }

    void Report(int o, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        var outLink = _outLink.Span;
        var outStart = _outStart.Span;
        var outIds = _outIds.Span;
        for (; o != 0; o = outLink[o])
            for (var i = outStart[o]; i < outStart[o + 1]; i++)
            {
                var id = outIds[i];
                if (seen[id] == stamp) continue;
                seen[id] = stamp;
                if (foundCount == found.Length) Array.Resize(ref found, found.Length * 2);
                found[foundCount++] = id;
            }
    }
}
