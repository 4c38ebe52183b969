using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching;

/// <summary>
/// Per-thread state of matching one event: a field-id → entries index built once per event (so a
/// rule's field lookups are O(1)), and the results of the shared literal searches, stamped with the
/// event's serial so nothing has to be cleared between events.
/// </summary>
internal sealed class MatchScope
{
    readonly CompiledRuleSet _set;
    int[] _firstStamp = new int[256];
    int[] _first = new int[256];
    int[] _next = new int[64];
    readonly int[][] _seen;
    readonly int[] _searchedAt;
    readonly int[][] _found;
    readonly int[] _foundCount;

    public MatchScope(CompiledRuleSet set)
    {
        _set = set;
        _seen = set.LiteralSearches.Select(a => new int[a.Automaton.NeedleCount]).ToArray();
        _searchedAt = new int[set.LiteralSearches.Length];
        _found = set.LiteralSearches.Select(_ => new int[16]).ToArray();
        _foundCount = new int[set.LiteralSearches.Length];
        Event = new EventFields();
    }

    public EventFields Event { get; private set; }
    public int Serial { get; private set; }

    /// <summary>Rule indexes whose regex timed out (with the pattern), for reporting.</summary>
    public List<(int RuleIndex, string Pattern)> RegexTimeouts { get; } = [];

    public void Begin(EventFields e)
    {
        Event = e;
        Serial++;
        if (Serial == int.MaxValue)
        {
            Serial = 1;
            Array.Clear(_firstStamp);
            Array.Clear(_searchedAt);
            foreach (var s in _seen) Array.Clear(s);
        }
        var names = FieldNames.Count;
        if (_first.Length < names)
        {
            Array.Resize(ref _first, Math.Max(names, _first.Length * 2));
            Array.Resize(ref _firstStamp, _first.Length);
        }
        if (_next.Length < e.Count) _next = new int[Math.Max(e.Count, _next.Length * 2)];
        // walk backwards so each field's chain is in entry order
        for (var i = e.Count - 1; i >= 0; i--)
        {
            var id = e.FieldId(i);
            if ((uint)id >= (uint)_first.Length) continue;
            _next[i] = _firstStamp[id] == Serial ? _first[id] : -1;
            _first[id] = i;
            _firstStamp[id] = Serial;
        }
    }

    /// <summary>First entry of the field, or −1.</summary>
    public int First(int fieldId) => (uint)fieldId < (uint)_first.Length && _firstStamp[fieldId] == Serial ? _first[fieldId] : -1;

    /// <summary>Next entry of the same field after entry <paramref name="index"/>, or −1.</summary>
    public int Next(int index) => _next[index];

    /// <summary>
    /// Runs literal search <paramref name="automaton"/> over the field once per event; returns the stamps
    /// (<c>seen[needle] == Serial</c> when the needle occurs in some value of the field).
    /// </summary>
    public int[] SearchLiterals(int automaton, int fieldId)
    {
        if (_searchedAt[automaton] != Serial) Search(automaton, fieldId);
        return _seen[automaton];
    }

    /// <summary>The needles of literal search <paramref name="automaton"/> that occur in this event (searching once per event).</summary>
    public ReadOnlySpan<int> FoundLiterals(int automaton)
    {
        if (_searchedAt[automaton] != Serial) Search(automaton, _set.LiteralSearches[automaton].FieldId);
        return _found[automaton].AsSpan(0, _foundCount[automaton]);
    }

    /// <summary>The stamps of literal search <paramref name="automaton"/>; valid after <see cref="FoundLiterals"/> this event.</summary>
    public int[] Stamps(int automaton) => _seen[automaton];

    void Search(int automaton, int fieldId)
    {
        _searchedAt[automaton] = Serial;
        var seen = _seen[automaton];
        var found = _found[automaton];
        var count = 0;
        var ac = _set.LiteralSearches[automaton].Automaton;
        if (fieldId == Compilation.LiteralSharing.AllValues)
            ac.Search(Event, seen, Serial, ref found, ref count);
        else
            for (var i = First(fieldId); i >= 0; i = Next(i)) ac.Search(Event.Value(i), seen, Serial, ref found, ref count);
        _found[automaton] = found;
        _foundCount[automaton] = count;
    }

    /// <summary>The rule being evaluated (set by the matcher before each evaluation), for reports.</summary>
    public int CurrentRule { get; set; }

    public void ReportRegexTimeout(string pattern)
    {
        if (RegexTimeouts.Count < 1000) RegexTimeouts.Add((CurrentRule, pattern));
    }
}
