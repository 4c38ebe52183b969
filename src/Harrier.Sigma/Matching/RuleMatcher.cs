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
        var candidates = _set.Index.Lookup(channel, e.EventId);
        var last = -1;
        foreach (var c in candidates)
        {
            if (c.Rule == last) continue; // another branch of a rule that already matched
            if (c.Trigger is { } trigger && !trigger.Fires(_scope)) continue; // none of its needles occurs
            Evaluations++;
            _scope.CurrentRule = c.Rule;
            if (c.Matcher.Match(_scope))
            {
                hits.Add(new RuleHit(_set.Rules[c.Rule]));
                last = c.Rule;
            }
        }
    }
}
