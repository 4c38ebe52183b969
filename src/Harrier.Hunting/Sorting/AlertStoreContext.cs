using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Sorting;

/// <summary>What every <see cref="AlertStore"/> of one hunt shares: the rule table, the file names and their sort ranks.</summary>
internal sealed class AlertStoreContext
{
    readonly int[] _fileRank;

    /// <param name="rules">Alert rules by index (the index records and entries carry).</param>
    /// <param name="fileNames">Input file names by index; records without a file use index −1 (the name "").</param>
    /// <param name="keptFields">The event fields alerts of events keep, by field id (<see cref="Harrier.Evtx.Events.FieldNames"/>); null: all.</param>
    public AlertStoreContext(IReadOnlyList<AlertRule> rules, IReadOnlyList<string> fileNames, bool[]? keptFields = null)
    {
        Rules = rules;
        FileNames = fileNames;
        KeptFields = keptFields;
        // Ranks give the AlertOrder comparison of file names as one int compare; equal names share a rank so the
        // comparison falls through exactly as AlertOrder's does. Rules are compared by id and title when two alerts
        // tie on the rest (one event, several rules): ranking all 2,400 rules cost more than those compares.
        string Name(int i) => i == 0 ? "" : fileNames[i - 1];
        _fileRank = Ranks(fileNames.Count + 1, (a, b) => string.CompareOrdinal(Name(a), Name(b)));
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public IReadOnlyList<string> FileNames { get; }

    /// <summary>The event fields alerts of events keep, by field id; null: all of them.</summary>
    public bool[]? KeptFields { get; }

    static int[] Ranks(int n, Comparison<int> order)
    {
        var sorted = Enumerable.Range(0, n).ToArray();
        Array.Sort(sorted, order);
        var rank = new int[n];
        for (var i = 1; i < n; i++)
            rank[sorted[i]] = order(sorted[i - 1], sorted[i]) == 0 ? rank[sorted[i - 1]] : i;
        return rank;
    }

    /// <summary>Time, file, record id, rule id and title: <see cref="AlertOrder"/> up to the details.</summary>
    public int CompareKeys(long timeA, int fileA, ulong recordA, int ruleA, long timeB, int fileB, ulong recordB, int ruleB)
    {
        var c = timeA.CompareTo(timeB);
        if (c != 0) return c;
        c = _fileRank[fileA + 1].CompareTo(_fileRank[fileB + 1]);
        if (c != 0) return c;
        c = recordA.CompareTo(recordB);
        if (c != 0) return c;
        if (ruleA == ruleB) return 0;
        var (a, b) = (Rules[ruleA], Rules[ruleB]);
        c = string.CompareOrdinal(a.Id, b.Id);
        return c != 0 ? c : string.CompareOrdinal(a.Title, b.Title);
    }
}
