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
        Items = items;
        CheckRest = new bool[items.Length];
        var always = new List<int>();
        var wakes = new SortedDictionary<int, Dictionary<int, List<int>>>();
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
            {
                if (!wakes.TryGetValue(first.Automata[i], out var byNeedle)) wakes[first.Automata[i]] = byNeedle = [];
                foreach (var id in first.Needles[i].Ids)
                {
                    if (!byNeedle.TryGetValue(id, out var positions)) byNeedle[id] = positions = [];
                    positions.Add(p);
                }
            }
        }
        Always = [.. always];
        Automata = [.. wakes.Keys];
        Wakes = [.. wakes.Values.Select(w => w.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()))];
    }
}
