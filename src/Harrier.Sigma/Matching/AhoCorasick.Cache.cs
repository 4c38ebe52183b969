using Harrier.Sigma.Compilation;

namespace Harrier.Sigma.Matching;

// The automaton's tables in the compiled-rule cache (Compilation/CompiledRuleCache): written as they are, and read in
// place from the mapped file (CacheReader.Table), so loading an automaton copies nothing; Validate reads each table once.
internal sealed partial class AhoCorasick
{
    AhoCorasick(CacheReader r, CharClasses classes, ref ushort[]? depths)
    {
        Classes = classes;
        _class = classes.Map;
        NeedleCount = r.Index();
        StateCount = r.Index();
        _shortest = r.Int();
        _root = r.Table<int>();
        _childStart = r.Table<int>();
        _childClass = r.Table<ushort>();
        _childState = r.Table<int>();
        _fail = r.Table<int>();
        _outLink = r.Table<int>();
        _outStart = r.Table<int>();
        _outIds = r.Table<int>();
        if (r.Bool())
        {
            _localCount = r.Index();
            _local = r.Table<ushort>();
            _dfa = r.Table<int>();
            _outHead = r.Table<int>();
            _asciiLocal = r.Table<byte>();
        }
        Validate(classes.Count, ref depths);
    }

    /// <param name="depths">Scratch space of the checks, kept between the automata of one cache (fresh memory costs a page fault per 4 KiB).</param>
    internal static AhoCorasick Read(CacheReader r, CharClasses classes, ref ushort[]? depths) => new(r, classes, ref depths);

    internal void Write(CacheWriter w)
    {
        w.Int(NeedleCount);
        w.Int(StateCount);
        w.Int(_shortest);
        w.Table(_root.Span);
        w.Table(_childStart.Span);
        w.Table(_childClass.Span);
        w.Table(_childState.Span);
        w.Table(_fail.Span);
        w.Table(_outLink.Span);
        w.Table(_outStart.Span);
        w.Table(_outIds.Span);
        w.Bool(_dfa.Length != 0);
        if (_dfa.Length == 0) return;
        w.Int(_localCount);
        w.Table(_local.Span);
        w.Table(_dfa.Span);
        w.Table(_outHead.Span);
        w.Table(_asciiLocal.Span);
    }

    /// <summary>
    /// Every index the search follows stays inside its table and every chain it follows ends (a damaged cache that passed
    /// its checksum can neither make a search read out of bounds nor loop). Depths are counted to 65,534 (a needle of
    /// more characters fails the check, so its rules are compiled at every run instead of read from the cache).
    /// </summary>
    void Validate(int classCount, ref ushort[]? depths)
    {
        var states = StateCount;
        var root = _root.Span;
        var childStart = _childStart.Span;
        var childClass = _childClass.Span;
        var childState = _childState.Span;
        var fail = _fail.Span;
        var outLink = _outLink.Span;
        var outStart = _outStart.Span;
        var outIds = _outIds.Span;
        static void Fail() => throw new InvalidDataException("compiled-rule cache: inconsistent automaton");
        if (states < 1 || classCount < 1 || root.Length != classCount || childStart.Length != states + 1 || fail.Length != states
            || outLink.Length != states || outStart.Length != states + 1 || childClass.Length != childState.Length) Fail();
        if (childStart[0] != 0 || childStart[states] != childState.Length || outStart[0] != 0 || outStart[states] != outIds.Length) Fail();
        for (var s = 0; s < states; s++)
            if (childStart[s] > childStart[s + 1] || outStart[s] > outStart[s + 1] || (uint)fail[s] >= (uint)states || (uint)outLink[s] >= (uint)states) Fail();
        // range checks, vectorised (IndexOfAnyExceptInRange)
        if (root.IndexOfAnyExceptInRange(0, states - 1) >= 0 || childState.IndexOfAnyExceptInRange(0, states - 1) >= 0
            || childClass.IndexOfAnyExceptInRange((ushort)0, (ushort)(classCount - 1)) >= 0
            || (outIds.Length > 0 && outIds.IndexOfAnyExceptInRange(0, NeedleCount - 1) >= 0)) Fail();
        // the children form a tree over all states (so breadth-first order reaches each once)
        const ushort Unreached = ushort.MaxValue;
        if (depths is null || depths.Length < states) depths = new ushort[Math.Max(states, (depths?.Length ?? 0) * 2)];
        var depth = depths.AsSpan(0, states);
        depth.Fill(Unreached);
        depth[0] = 0;
        var reached = 1;
        for (var s = 0; s < states; s++)
            for (var i = childStart[s]; i < childStart[s + 1]; i++)
            {
                var t = childState[i];
                if (t == 0 || depth[t] != Unreached || depth[s] >= Unreached - 1) Fail();
                depth[t] = (ushort)(depth[s] + 1);
                reached++;
            }
        if (reached != states) Fail();
        for (var s = 1; s < states; s++) // failure and output chains end (at the root)
            if (depth[fail[s]] >= depth[s] || (outLink[s] != 0 && depth[outLink[s]] >= depth[s])) Fail();
        if (_dfa.Length == 0) return;
        var local = _local.Span;
        var dfa = _dfa.Span;
        var outHead = _outHead.Span;
        var ascii = _asciiLocal.Span;
        var width = _localCount;
        if (local.Length != classCount || width < 1 || (long)states * width > MaxDfaCells || dfa.Length != states * width
            || outHead.Length != states || ascii.Length != (width <= byte.MaxValue ? 128 : 0)) Fail();
        if (local.IndexOfAnyExceptInRange((ushort)0, (ushort)(width - 1)) >= 0 || outHead.IndexOfAnyExceptInRange(0, states - 1) >= 0
            || (ascii.Length > 0 && ascii.IndexOfAnyExceptInRange((byte)0, (byte)(width - 1)) >= 0)) Fail();
        foreach (var cell in dfa) // a row's start (complemented or not)
        {
            var row = cell < 0 ? ~cell : cell;
            if (row % width != 0 || row >= dfa.Length) Fail();
        }
    }
}
