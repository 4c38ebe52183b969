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
internal sealed class AhoCorasick
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
        _class = classes.Map;
        // trie: children in one dictionary while building
        var children = new Dictionary<long, int>(needles.Sum(n => n.Length));
        var depthOrder = new List<int> { 0 };
        var ends = new List<List<int>?> { null };
        for (var id = 0; id < needles.Count; id++)
        {
            var s = 0;
            foreach (var ch in needles[id])
            {
                var key = (long)s << 16 | _class[ch];
                if (!children.TryGetValue(key, out var next))
                {
                    next = ends.Count;
                    ends.Add(null);
                    children[key] = next;
                }
                s = next;
            }
            (ends[s] ??= []).Add(id);
        }
        var states = ends.Count;
        StateCount = states;

        // flat child arrays (grouped by parent)
        var perState = new int[states + 1];
        foreach (var key in children.Keys) perState[(int)(key >> 16)]++;
        _childStart = new int[states + 1];
        for (var s = 0; s < states; s++) _childStart[s + 1] = _childStart[s] + perState[s];
        _childClass = new ushort[children.Count];
        _childState = new int[children.Count];
        var fill = (int[])_childStart.Clone();
        foreach (var (key, child) in children)
        {
            var parent = (int)(key >> 16);
            _childClass[fill[parent]] = (ushort)(key & 0xFFFF);
            _childState[fill[parent]++] = child;
        }
        _root = new int[classes.Count];
        for (var i = _childStart[0]; i < _childStart[1]; i++) _root[_childClass[i]] = _childState[i];

        // failure and output links, breadth first
        _fail = new int[states];
        _outLink = new int[states];
        var queue = new Queue<int>();
        for (var i = _childStart[0]; i < _childStart[1]; i++) queue.Enqueue(_childState[i]);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            for (var i = _childStart[s]; i < _childStart[s + 1]; i++)
            {
                var k = _childClass[i];
                var t = _childState[i];
                var f = _fail[s];
                int target;
                while (true)
                {
                    target = Goto(f, k);
                    if (target >= 0 || f == 0) break;
                    f = _fail[f];
                }
                _fail[t] = s == 0 || target < 0 ? 0 : target;
                if (s == 0) _fail[t] = 0;
                _outLink[t] = ends[_fail[t]] is not null ? _fail[t] : _outLink[_fail[t]];
                queue.Enqueue(t);
            }
        }
        _outStart = new int[states + 1];
        for (var s = 0; s < states; s++) _outStart[s + 1] = _outStart[s] + (ends[s]?.Count ?? 0);
        _outIds = new int[_outStart[states]];
        for (var s = 0; s < states; s++) ends[s]?.CopyTo(_outIds, _outStart[s]);
        // the full table: classes this automaton uses, numbered locally; a miss follows the failure link once, at build time
        _local = new ushort[classes.Count];
        var localCount = 1;
        foreach (var n in needles)
            foreach (var ch in n)
                if (_local[_class[ch]] == 0) _local[_class[ch]] = (ushort)localCount++;
        if ((long)states * localCount <= MaxDfaCells)
        {
            _localCount = localCount;
            var dfa = new int[states * localCount];
            var order = new List<int>(states) { 0 };
            for (var q = 0; q < order.Count; q++) // breadth first: a state's failure target is filled before it
            {
                var st = order[q];
                for (var i = _childStart[st]; i < _childStart[st + 1]; i++) order.Add(_childState[i]);
                for (var k = 1; k < localCount; k++) dfa[st * localCount + k] = st == 0 ? 0 : dfa[_fail[st] * localCount + k];
                for (var i = _childStart[st]; i < _childStart[st + 1]; i++) dfa[st * localCount + _local[_childClass[i]]] = _childState[i];
            }
            _outHead = new int[states];
            for (var st = 1; st < states; st++) _outHead[st] = _outStart[st] < _outStart[st + 1] ? st : _outLink[st];
            for (var i = 0; i < dfa.Length; i++)
            {
                var next = dfa[i];
                dfa[i] = _outHead[next] != 0 ? ~(next * localCount) : next * localCount;
            }
            _dfa = dfa;
            if (localCount <= byte.MaxValue)
            {
                _asciiLocal = new byte[128];
                for (var c = 0; c < 128; c++) _asciiLocal[c] = (byte)_local[_class[c]];
            }
        }
        else _local = null;
    }

    public int NeedleCount { get; }
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
