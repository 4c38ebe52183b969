namespace Harrier.Sigma.Matching;

/// <summary>
/// A set of needle ids of one shared literal search, as a bit set over the span of its ids (a rule's needles were
/// numbered together, so the span is short), asked "does any of the needles found in this event belong to me?".
/// </summary>
internal sealed class NeedleSet
{
    readonly int _min;
    readonly ulong[] _bits;
    readonly int[] _ids;

    public NeedleSet(IEnumerable<int> ids) : this(SortedDistinct(ids as int[] ?? [.. ids]))
    {
    }

    NeedleSet(int[] ascending)
    {
        _ids = ascending;
        _min = _ids.Length == 0 ? 0 : _ids[0];
        _bits = new ulong[_ids.Length == 0 ? 0 : ((_ids[^1] - _min) >> 6) + 1];
        foreach (var id in _ids) _bits[(id - _min) >> 6] |= 1UL << ((id - _min) & 63);
    }

    /// <summary>The set of <paramref name="ids"/> (kept, not copied), or null when they are not strictly ascending.</summary>
    public static NeedleSet? OfAscending(int[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
            if (ids[i] <= ids[i - 1]) return null;
        return new NeedleSet(ids);
    }

    /// <summary>A sorted copy without repeats (insertion sort: a rule's needle sets are short).</summary>
    static int[] SortedDistinct(int[] ids)
    {
        var sorted = new int[ids.Length];
        var count = 0;
        foreach (var id in ids)
        {
            var i = count;
            while (i > 0 && sorted[i - 1] > id) i--;
            if (i > 0 && sorted[i - 1] == id) continue;
            Array.Copy(sorted, i, sorted, i + 1, count - i);
            sorted[i] = id;
            count++;
        }
        if (count < sorted.Length) Array.Resize(ref sorted, count);
        return sorted;
    }

    /// <summary>The ids, ascending.</summary>
    public int[] Ids => _ids;

    public bool Contains(int id)
    {
        var d = (uint)(id - _min);
        var word = d >> 6;
        return word < (uint)_bits.Length && (_bits[word] & (1UL << (int)(d & 63))) != 0;
    }

    /// <summary>Whether a needle of this set is among <paramref name="found"/> (the needles found in the event).</summary>
    public bool AnyFound(MatchScope scope, int automaton, ReadOnlySpan<int> found)
    {
        if (found.IsEmpty) return false;
        if (found.Length <= _ids.Length)
        {
            foreach (var f in found)
                if (Contains(f)) return true;
            return false;
        }
        var seen = scope.Stamps(automaton);
        var serial = scope.Serial;
        foreach (var n in _ids)
            if (seen[n] == serial) return true;
        return false;
    }
}
