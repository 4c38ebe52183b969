using Harrier.Sigma.Compilation;

namespace Harrier.Sigma.Matching;

// The automaton's tables in the compiled-rule cache (Compilation/CompiledRuleCache): written and read as they are.
internal sealed partial class AhoCorasick
{
    AhoCorasick(CacheReader r, CharClasses classes)
    {
        Classes = classes;
        _class = classes.Map;
        NeedleCount = r.Index();
        StateCount = r.Index();
        _shortest = r.Int();
        _root = r.Ints();
        _childStart = r.Ints();
        _childClass = r.UShorts();
        _childState = r.Ints();
        _fail = r.Ints();
        _outLink = r.Ints();
        _outStart = r.Ints();
        _outIds = r.Ints();
        if (r.Bool())
        {
            _localCount = r.Index();
            _local = r.UShorts();
        }
        Validate(classes.Count);
        // the table is the bulk of the automaton (up to 256 KiB each) and quicker to rebuild than to read and check
        if (_local is not null) (_dfa, _outHead, _asciiLocal) = Table(BreadthFirst());
    }

    internal static AhoCorasick Read(CacheReader r, CharClasses classes) => new(r, classes);

    internal void Write(CacheWriter w)
    {
        w.Int(NeedleCount);
        w.Int(StateCount);
        w.Int(_shortest);
        w.Ints(_root);
        w.Ints(_childStart);
        w.UShorts(_childClass);
        w.Ints(_childState);
        w.Ints(_fail);
        w.Ints(_outLink);
        w.Ints(_outStart);
        w.Ints(_outIds);
        w.Bool(_dfa is not null);
        if (_dfa is null) return;
        w.Int(_localCount);
        w.UShorts(_local!);
    }

    /// <summary>Every index the search follows stays inside its array (a damaged cache that passed its checksum cannot make it read out of bounds).</summary>
    void Validate(int classCount)
    {
        var states = StateCount;
        bool Fail() => throw new InvalidDataException("compiled-rule cache: inconsistent automaton");
        if (states < 1 || _root.Length != classCount || _childStart.Length != states + 1 || _fail.Length != states
            || _outLink.Length != states || _outStart.Length != states + 1 || _childClass.Length != _childState.Length) Fail();
        if (_childStart[0] != 0 || _childStart[states] != _childState.Length || _outStart[0] != 0 || _outStart[states] != _outIds.Length) Fail();
        for (var s = 0; s < states; s++)
            if (_childStart[s] > _childStart[s + 1] || _outStart[s] > _outStart[s + 1] || (uint)_fail[s] >= (uint)states || (uint)_outLink[s] >= (uint)states) Fail();
        foreach (var t in _root)
            if ((uint)t >= (uint)states) Fail();
        foreach (var t in _childState)
            if ((uint)t >= (uint)states) Fail();
        foreach (var k in _childClass)
            if (k >= classCount) Fail();
        foreach (var id in _outIds)
            if ((uint)id >= (uint)NeedleCount) Fail();
        // the children form a tree over all states (so breadth-first order reaches each once)
        var depth = new int[states];
        Array.Fill(depth, -1);
        depth[0] = 0;
        var reached = 1;
        for (var s = 0; s < states; s++)
            for (var i = _childStart[s]; i < _childStart[s + 1]; i++)
            {
                var t = _childState[i];
                if (t == 0 || depth[t] >= 0 || depth[s] < 0) Fail();
                depth[t] = depth[s] + 1;
                reached++;
            }
        if (reached != states) Fail();
        for (var s = 1; s < states; s++) // failure and output chains end (at the root)
            if (depth[_fail[s]] >= depth[s] || (_outLink[s] != 0 && depth[_outLink[s]] >= depth[s])) Fail();
        if (_local is null) return;
        if (_local.Length != classCount || _localCount < 1 || (long)states * _localCount > MaxDfaCells) Fail();
        foreach (var k in _local)
            if (k >= _localCount) Fail();
        for (var i = 0; i < _childClass.Length; i++)
            if (_local[_childClass[i]] == 0) Fail();
    }
}
