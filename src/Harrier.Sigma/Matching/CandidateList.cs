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

    /// <summary>
    /// Per entry of <see cref="Automata"/>, the positions in <see cref="Items"/> each needle wakes, ascending, in one array:
    /// those of needle n are <c>WakeStarts[i][n] .. WakeStarts[i][n + 1]</c> of <c>WakePositions[i]</c> (two arrays per
    /// search instead of a dictionary and an array per needle: a busy EventID's list names some 10,000 needles).
    /// </summary>
    public int[][] WakeStarts { get; }

    public int[][] WakePositions { get; }

    /// <summary>The positions needle <paramref name="needle"/> of the <paramref name="i"/>-th search wakes (none past its last needle).</summary>
    public ReadOnlySpan<int> Woken(int i, int needle)
    {
        var starts = WakeStarts[i];
        return (uint)needle + 1 < (uint)starts.Length ? WakePositions[i].AsSpan(starts[needle], starts[needle + 1] - starts[needle]) : default;
    }

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
        var starts = new List<int[]>();
        var positions = new List<int[]>();
        for (var start = 0; start < keys.Length;)
        {
            var automaton = (int)(keys[start] >> 48);
            var end = start;
            while (end < keys.Length && keys[end] >> 48 == automaton) end++;
            // keys[start..end] ascend by needle, then position
            var needles = (int)(keys[end - 1] >> 20 & 0xFFFFFFF) + 1;
            var first = new int[needles + 1];
            var found = new List<int>(end - start);
            for (var k = start; k < end; k++)
            {
                var needle = (int)(keys[k] >> 20 & 0xFFFFFFF);
                var p = (int)(keys[k] & 0xFFFFF);
                if (k > start && keys[k - 1] >> 20 == keys[k] >> 20 && (int)(keys[k - 1] & 0xFFFFF) == p) continue; // two clauses of one branch
                found.Add(p);
                first[needle + 1]++;
            }
            for (var n = 0; n < needles; n++) first[n + 1] += first[n];
            automata.Add(automaton);
            starts.Add(first);
            positions.Add([.. found]);
            start = end;
        }
        Always = [.. always];
        Automata = [.. automata];
        WakeStarts = [.. starts];
        WakePositions = [.. positions];
    }
}
