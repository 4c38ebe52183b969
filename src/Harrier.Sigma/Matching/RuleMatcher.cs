using Harrier.Evtx.Events;

namespace Harrier.Sigma.Matching;

/// <summary>
/// Matches events against a <see cref="CompiledRuleSet"/>. One per thread; reuses its state from
/// event to event, so matching allocates nothing per event.
/// </summary>
public sealed class RuleMatcher
{
    readonly CompiledRuleSet _set;
    readonly MatchScope _scope;
    int[] _wokenAt = new int[64];
    int[] _woken = new int[64];
    int _wakeSerial;

    internal RuleMatcher(CompiledRuleSet set)
    {
        _set = set;
        _scope = new MatchScope(set);
    }

    /// <summary>Events matched so far.</summary>
    public long EventsMatched { get; private set; }

    /// <summary>Rule evaluations so far (candidates from the (channel, EventID) index).</summary>
    public long Evaluations { get; private set; }

    /// <summary>Regexes that timed out (rule, pattern); a timeout counts as no match.</summary>
    public IReadOnlyList<(CompiledRule Rule, string Pattern)> RegexTimeouts =>
        _scope.RegexTimeouts.Select(t => (_set.Rules[t.RuleIndex], t.Pattern)).ToList();

    /// <summary>
    /// Appends one <see cref="RuleHit"/> per matching rule, in rule order. Hits of rules whose
    /// <see cref="CompiledRule.Generates"/> is false are included (correlations need them).
    /// </summary>
    public void Match(EventFields e, List<RuleHit> hits)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(hits);
        EventsMatched++;
        _scope.Begin(e);
        var channel = _scope.First(FieldNames.Channel) is var ci and >= 0 ? e.Value(ci) : default;
        var list = _set.Index.LookupList(channel, e.EventId);
        var items = list.Items;
        if (items.Length == 0) return;
        var woken = Wake(list);
        var always = list.Always;
        var last = -1;
        int a = 0, w = 0;
        while (a < always.Length || w < woken.Length)
        {
            int p;
            if (w == woken.Length || (a < always.Length && always[a] < woken[w])) p = always[a++];
            else
            {
                p = woken[w++];
                if (list.CheckRest[p] && !items[p].Trigger!.Fires(_scope)) continue; // a later clause finds none of its needles
            }
            ref readonly var c = ref items[p];
            if (c.Rule == last) continue; // another branch of a rule that already matched
            Evaluations++;
            _scope.CurrentRule = c.Rule;
            if (c.Matcher.Match(_scope))
            {
                hits.Add(new RuleHit(_set.Rules[c.Rule]));
                last = c.Rule;
            }
        }
    }

    /// <summary>The positions, ascending, of the triggered branches a needle of their first clause woke in this event.</summary>
    ReadOnlySpan<int> Wake(CandidateList list)
    {
        if (_wokenAt.Length < list.Items.Length)
        {
            _wokenAt = new int[Math.Max(list.Items.Length, _wokenAt.Length * 2)];
            _woken = new int[_wokenAt.Length];
            _wakeSerial = 0;
        }
        if (++_wakeSerial == int.MaxValue)
        {
            Array.Clear(_wokenAt);
            _wakeSerial = 1;
        }
        var count = 0;
        var automata = list.Automata;
        for (var i = 0; i < automata.Length; i++)
        {
            var found = _scope.FoundLiterals(automata[i]);
            if (found.IsEmpty) continue;
            foreach (var needle in found)
            {
                foreach (var p in list.Woken(i, needle))
                {
                    if (_wokenAt[p] == _wakeSerial) continue;
                    _wokenAt[p] = _wakeSerial;
                    _woken[count++] = p;
                }
            }
        }
        var span = _woken.AsSpan(0, count);
        span.Sort();
        return span;
    }
}
