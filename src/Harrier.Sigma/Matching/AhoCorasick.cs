namespace Harrier.Sigma.Matching;

/// <summary>
/// A case-insensitive (ordinal, simple upper-case folding) multi-needle searcher: one pass over a
/// value reports every needle that occurs in it. Built once; read-only and thread-safe afterwards.
/// Transitions are a dense table over the characters that occur in needles (all others share one
/// class), so a step is two array reads.
/// </summary>
internal sealed class AhoCorasick
{
    readonly ushort[] _class = new ushort[char.MaxValue + 1];
    readonly int _classes;
    readonly int[] _delta;          // state * _classes + class → state
    readonly int[] _outStart;       // state → start in _outIds; length from _outStart[state + 1]
    readonly int[] _outIds;

    public AhoCorasick(IReadOnlyList<string> needles)
    {
        NeedleCount = needles.Count;
        // character classes
        var classOf = new Dictionary<char, ushort>();
        foreach (var n in needles)
            foreach (var ch in n)
            {
                var c = Fold(ch);
                if (!classOf.ContainsKey(c)) classOf[c] = (ushort)(classOf.Count + 1);
            }
        if (classOf.Count >= ushort.MaxValue) throw new InvalidOperationException("too many distinct characters for one literal search");
        for (var c = 0; c <= char.MaxValue; c++)
            if (classOf.TryGetValue(Fold((char)c), out var k)) _class[c] = k;
        _classes = classOf.Count + 1;

        // trie
        var children = new List<Dictionary<int, int>> { new() };
        var outputs = new List<List<int>> { new() };
        for (var id = 0; id < needles.Count; id++)
        {
            var s = 0;
            foreach (var ch in needles[id])
            {
                var k = _class[ch];
                if (!children[s].TryGetValue(k, out var next))
                {
                    next = children.Count;
                    children.Add(new Dictionary<int, int>());
                    outputs.Add([]);
                    children[s][k] = next;
                }
                s = next;
            }
            outputs[s].Add(id);
        }

        // failure links by BFS, filling the dense table
        var states = children.Count;
        _delta = new int[states * _classes];
        var fail = new int[states];
        var queue = new Queue<int>();
        for (var k = 0; k < _classes; k++)
        {
            if (children[0].TryGetValue(k, out var t))
            {
                _delta[k] = t;
                fail[t] = 0;
                queue.Enqueue(t);
            }
        }
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            outputs[s].AddRange(outputs[fail[s]]);
            for (var k = 0; k < _classes; k++)
            {
                if (children[s].TryGetValue(k, out var t))
                {
                    fail[t] = _delta[fail[s] * _classes + k];
                    _delta[s * _classes + k] = t;
                    queue.Enqueue(t);
                }
                else _delta[s * _classes + k] = _delta[fail[s] * _classes + k];
            }
        }
        _outStart = new int[states + 1];
        var total = 0;
        for (var s = 0; s < states; s++)
        {
            _outStart[s] = total;
            total += outputs[s].Count;
        }
        _outStart[states] = total;
        _outIds = new int[total];
        for (var s = 0; s < states; s++) outputs[s].CopyTo(_outIds, _outStart[s]);
        StateCount = states;
    }

    public int NeedleCount { get; }
    public int StateCount { get; }

    /// <summary>Sets <c>seen[id] = stamp</c> for every needle occurring in <paramref name="text"/>.</summary>
    public void Search(ReadOnlySpan<char> text, int[] seen, int stamp)
    {
        var delta = _delta;
        var cls = _class;
        var classes = _classes;
        var outStart = _outStart;
        var s = 0;
        foreach (var ch in text)
        {
            s = delta[s * classes + cls[ch]];
            var start = outStart[s];
            var end = outStart[s + 1];
            for (var i = start; i < end; i++) seen[_outIds[i]] = stamp;
        }
    }

    static char Fold(char c) => char.ToUpperInvariant(c);
}
