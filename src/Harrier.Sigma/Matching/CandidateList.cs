namespace Harrier.Sigma.Matching;

/// <summary>
/// The rule branches that can match one (channel, EventID), in rule order, with their triggers turned around: for
/// each shared literal search named by a branch's first trigger clause, which branches a found needle wakes. Matching
/// an event then costs the needles it contains, not the (up to a thousand) branches of a busy EventID: the branches
/// without a trigger are evaluated always, the others only when a needle of their first clause was found (and the
/// rest of their clauses hold). The branches evaluated, and their order, are exactly those of asking every trigger.
/// </summary>
internal sealed class CandidateList
{
    /// <summary>The branches, ascending by rule.</summary>
    public RuleIndex.Candidate[] Items { get; }

    /// <summary>Positions in <see cref="Items"/> of the branches without a trigger, ascending.</summary>
    public int[] Always { get; }

    /// <summary>Shared literal searches named by some first clause.</summary>
    public int[] Automata { get; }

    /// <summary>Per entry of <see cref="Automata"/>: needle id → positions in <see cref="Items"/> it wakes, ascending.</summary>
    public Dictionary<int, int[]>[] Wakes { get; }

    /// <summary>Per position: the branch's trigger has more clauses than the first, to check when woken.</summary>
    public bool[] CheckRest { get; }

    public CandidateList(RuleIndex.Candidate[] items)
    {
        if (items.Length >= 1 << 20) throw new InvalidOperationException("too many rule branches for one (channel, EventID)");
        Items = items;
        CheckRest = new bool[items.Length];
        var always = new List<int>();
        // (automaton, needle, position) packed in one number and sorted: groups by automaton, then needle, positions ascending
        var wakes = new List<long>();
        for (var p = 0; p < items.Length; p++)
        {
            if (items[p].Trigger is not { } trigger)
            {
                always.Add(p);
                continue;
            }
            CheckRest[p] = trigger.Clauses.Count > 1;
            var first = trigger.Clauses[0];
            for (var i = 0; i < first.Automata.Length; i++)
                foreach (var id in first.Needles[i].Ids)
                    wakes.Add((long)first.Automata[i] << 48 | (long)id << 20 | (uint)p);
        }
        var keys = wakes.ToArray();
        Array.Sort(keys);
        var automata = new List<int>();
        var maps = new List<Dictionary<int, int[]>>();
        for (var start = 0; start < keys.Length;)
        {
            var automaton = (int)(keys[start] >> 48);
            var needle = (int)(keys[start] >> 20 & 0xFFFFFFF);
            var end = start;
            while (end < keys.Length && keys[end] >> 20 == keys[start] >> 20) end++;
            var positions = new List<int>(end - start);
            for (var k = start; k < end; k++)
            {
                var p = (int)(keys[k] & 0xFFFFF);
                if (positions.Count == 0 || positions[^1] != p) positions.Add(p);
            }
            if (automata.Count == 0 || automata[^1] != automaton)
            {
                automata.Add(automaton);
                maps.Add([]);
            }
            maps[^1][needle] = [.. positions];
            start = end;
        }
        Always = [.. always];
        Automata = [.. automata];
        Wakes = [.. maps];
    }
}
