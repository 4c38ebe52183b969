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
    readonly int[] _root;            // class → state (0 = stay at root)
    readonly int[] _childStart;      // state → start in _childClass/_childState; count from _childStart[state + 1]
    readonly ushort[] _childClass;
    readonly int[] _childState;
    readonly int[] _fail;
    readonly int[] _outLink;         // next state on the failure chain that ends a needle (0 = none)
    readonly int[] _outStart;        // state → its own needle ids in _outIds
    readonly int[] _outIds;
    // small automata: a full transition table (state × local class), one read per character
    readonly ushort[]? _local;       // global class → local class
    readonly byte[]? _asciiLocal;    // ASCII character → local class (the common case, one read instead of two)
    readonly int[]? _dfa;            // row of a state (state × local count) + local class → row of the next state, ~row when it ends a needle
    readonly int _localCount;
    readonly int[]? _outHead;        // state → first state of its output chain (0 = none)
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
        _root = new int[classes.Count];
        var states = 1;
        var edges = 0;
        for (var id = 0; id < needles.Count; id++)
        {
            var s = 0;
            foreach (var ch in needles[id])
            {
                var k = cls[ch];
                var t = s == 0 ? _root[k] : firstChild[s];
                if (s != 0)
                    while (t != 0 && label[t] != k) t = nextSibling[t];
                if (t == 0)
                {
                    t = states++;
                    label[t] = k;
                    edges++;
                    if (s == 0) _root[k] = t;
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
        _childStart = new int[states + 1];
        _childStart[1] = CountRootChildren(); // every other state is a child of one state: edges = states - 1
        for (var s = 1; s < states; s++)
        {
            var n = 0;
            for (var t = firstChild[s]; t != 0; t = nextSibling[t]) n++;
            _childStart[s + 1] = _childStart[s] + n;
        }
        _childClass = new ushort[edges];
        _childState = new int[edges];
        var fill = 0;
        for (var k = 1; k < _root.Length; k++)
            if (_root[k] != 0)
            {
                _childClass[fill] = (ushort)k;
                _childState[fill++] = _root[k];
            }
        for (var s = 1; s < states; s++)
            for (var t = firstChild[s]; t != 0; t = nextSibling[t])
            {
                _childClass[fill] = label[t];
                _childState[fill++] = t;
            }
        var order = BreadthFirst();

        // failure and output links, breadth first (a state's failure target is shallower, so done before it)
        _fail = new int[states];
        _outLink = new int[states];
        for (var q = 0; q < states; q++)
        {
            var s = order[q];
            for (var i = _childStart[s]; i < _childStart[s + 1]; i++)
            {
                var k = _childClass[i];
                var t = _childState[i];
                if (s != 0)
                {
                    var f = _fail[s];
                    int target;
                    while (true)
                    {
                        target = Goto(f, k);
                        if (target >= 0 || f == 0) break;
                        f = _fail[f];
                    }
                    _fail[t] = target < 0 ? 0 : target;
                }
                _outLink[t] = endFirst[_fail[t]] != 0 ? _fail[t] : _outLink[_fail[t]];
            }
        }
        _outStart = new int[states + 1];
        for (var s = 0; s < states; s++)
        {
            var n = 0;
            for (var e = endFirst[s]; e != 0; e = endNext[e - 1]) n++;
            _outStart[s + 1] = _outStart[s] + n;
        }
        _outIds = new int[_outStart[states]];
        for (var s = 0; s < states; s++)
        {
            var o = _outStart[s];
            for (var e = endFirst[s]; e != 0; e = endNext[e - 1]) _outIds[o++] = e - 1;
        }
        // the full table: classes this automaton uses, numbered locally; a miss follows the failure link once, at build time
        _local = new ushort[classes.Count];
        var localCount = 1;
        foreach (var n in needles)
            foreach (var ch in n)
                if (_local[cls[ch]] == 0) _local[cls[ch]] = (ushort)localCount++;
        if ((long)states * localCount <= MaxDfaCells)
        {
            _localCount = localCount;
            (_dfa, _outHead, _asciiLocal) = Table(order);
        }
        else _local = null;

        int CountRootChildren()
        {
            var n = 0;
            foreach (var t in _root)
                if (t != 0) n++;
            return n;
        }
    }

    /// <summary>The states in breadth-first order (a state's failure target comes before it).</summary>
    int[] BreadthFirst()
    {
        var order = new int[StateCount];
        var queued = 1;
        for (var q = 0; q < order.Length; q++)
            for (var i = _childStart[order[q]]; i < _childStart[order[q] + 1]; i++) order[queued++] = _childState[i];
        return order;
    }

    /// <summary>
    /// The full transition table over the local classes (premultiplied rows, complemented when the next state ends a
    /// needle), each state's first output state, and the ASCII shortcut to the local classes.
    /// </summary>
    (int[] Dfa, int[] OutHead, byte[]? AsciiLocal) Table(int[] order)
    {
        var width = _localCount;
        var local = _local!;
        var dfa = new int[StateCount * width];
        foreach (var st in order) // breadth first: a state's failure target is filled before it; a miss follows it once, here
        {
            var row = st * width;
            if (st != 0) Array.Copy(dfa, _fail[st] * width, dfa, row, width);
            for (var i = _childStart[st]; i < _childStart[st + 1]; i++) dfa[row + local[_childClass[i]]] = _childState[i];
        }
        var outHead = new int[StateCount];
        for (var st = 1; st < outHead.Length; st++) outHead[st] = _outStart[st] < _outStart[st + 1] ? st : _outLink[st];
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

    /// <summary>Cells of the full transition table (0 when the automaton is searched through its sparse trie).</summary>
    public int TableCells => _dfa?.Length ?? 0;

    /// <summary>The child of <paramref name="s"/> on class <paramref name="k"/>; at the root 0 means "stay"; −1 when none.</summary>
    int Goto(int s, int k)
    {
        if (s == 0) return _root[k];
        var end = _childStart[s + 1];
        for (var i = _childStart[s]; i < end; i++)
            if (_childClass[i] == k) return _childState[i];
        return -1;
    }

    /// <summary>
    /// Sets <c>seen[id] = stamp</c> for every needle occurring in <paramref name="text"/>, and appends the id of each
    /// needle newly stamped to <paramref name="found"/> (grown as needed; <paramref name="foundCount"/> is its length).
    /// </summary>
    public void Search(ReadOnlySpan<char> text, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        if (text.Length < _shortest) return;
        if (_dfa is { } dfa)
        {
            SearchTable(text, dfa, seen, stamp, ref found, ref foundCount);
            return;
        }
        var cls = _class;
        var s = 0;
        foreach (var ch in text)
        {
            var k = cls[ch];
            if (k == 0)
            {
                s = 0; // a character no needle contains: every partial match ends
                continue;
            }
            while (true)
            {
                var t = Goto(s, k);
                if (t >= 0)
                {
                    s = t;
                    break;
                }
                s = _fail[s];
            }
            if (s == 0) continue;
            Report(_outStart[s] < _outStart[s + 1] ? s : _outLink[s], seen, stamp, ref found, ref foundCount);
        }
    }

    void SearchTable(ReadOnlySpan<char> text, int[] dfa, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        var cls = _class;
        var local = _local!;
        var width = _localCount;
        if (_asciiLocal is not { } ascii)
        {
            var s = 0;
            foreach (var ch in text)
            {
                s = dfa[s + local[cls[ch]]];
                if (s < 0)
                {
                    s = ~s;
                    Report(_outHead![s / width], seen, stamp, ref found, ref foundCount);
                }
            }
            return;
        }
        var row = 0;
        foreach (var ch in text)
        {
            row = dfa[row + (ch < 128 ? ascii[ch] : local[cls[ch]])];
            if (row < 0)
            {
                row = ~row;
                Report(_outHead![row / width], seen, stamp, ref found, ref foundCount);
            }
        }
    }

    void Report(int o, int[] seen, int stamp, ref int[] found, ref int foundCount)
    {
        for (; o != 0; o = _outLink[o])
            for (var i = _outStart[o]; i < _outStart[o + 1]; i++)
            {
                var id = _outIds[i];
                if (seen[id] == stamp) continue;
                seen[id] = stamp;
                if (foundCount == found.Length) Array.Resize(ref found, found.Length * 2);
                found[foundCount++] = id;
            }
    }
}
