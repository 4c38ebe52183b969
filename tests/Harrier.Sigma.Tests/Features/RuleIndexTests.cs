using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Testing;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// The (channel, EventID) index merges its lists on first lookup, from whichever thread asks first: every list must
/// hold exactly the branches whose channels and EventIDs admit the event, in rule order, whoever built it.
/// </summary>
public class RuleIndexTests
{
    static readonly Lazy<SigmaRuleSet> Rules = new(() => SigmaRuleSet.Load([SharedData.Path("sigma", "rules", "windows")]));

    static (string Channel, int EventId)[] Keys(CompiledRuleSet set)
    {
        var channels = set.Rules.SelectMany(r => r.Branches).SelectMany(b => b.Channels ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ids = set.Rules.SelectMany(r => r.Branches).SelectMany(b => b.EventIds ?? new HashSet<int>()).Distinct().ToList();
        channels.AddRange(["", "Some-Unknown/Channel"]);
        ids.AddRange([-1, 99_999]);
        return [.. channels.SelectMany(c => ids.Select(i => (c, i)))];
    }

    [Fact]
    public void Every_list_holds_the_branches_that_admit_the_event_in_rule_order()
    {
        var set = SigmaCompiler.Compile(Rules.Value);
        var keys = Keys(set);
        Assert.True(keys.Length > 1000, $"{keys.Length} keys");
        var known = set.Rules.SelectMany(r => r.Branches).SelectMany(b => b.Channels ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nonEmpty = 0;
        foreach (var (channel, id) in keys)
        {
            var items = set.Index.Lookup(channel, id);
            // a channel without rules of its own gets the any-channel rules only
            var expected = set.Rules.SelectMany(r => r.Branches.Select(b => (r.Index, b)))
                .Where(x => x.b.Channels is null || known.Contains(channel) && x.b.Channels.Contains(channel, StringComparer.OrdinalIgnoreCase))
                .Where(x => x.b.EventIds is null || x.b.EventIds.Contains(id))
                .Select(x => (x.Index, x.b.Matcher)).ToList();
            Assert.Equal(expected.OrderBy(x => x.Index).Select(x => x.Index), items.Select(c => c.Rule));
            Assert.True(expected.Select(x => (object)x.Matcher).ToHashSet(ReferenceEqualityComparer.Instance)
                .SetEquals(items.Select(c => (object)c.Matcher)), $"{channel}/{id}: other branches");
            if (items.Length > 0) nonEmpty++;
        }
        Assert.True(nonEmpty > keys.Length / 10, $"{nonEmpty} non-empty lists");
    }

    /// <summary>The candidate's branch number within its rule (the two compiles have distinct matcher objects).</summary>
    static int BranchOf(CompiledRuleSet set, RuleIndex.Candidate c)
    {
        var branches = set.Rules[c.Rule].Branches;
        for (var b = 0; b < branches.Count; b++)
            if (ReferenceEquals(branches[b].Matcher, c.Matcher)) return b;
        return -1;
    }

    [Fact]
    public void Lists_built_by_racing_threads_equal_those_built_one_by_one()
    {
        var sequential = SigmaCompiler.Compile(Rules.Value);
        var raced = SigmaCompiler.Compile(Rules.Value);
        var keys = Keys(sequential);
        var order = keys.OrderBy(k => (k.Channel.Length * 7919 + k.EventId) % 97).ToArray();
        var results = new CandidateList[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
            results[t] = [.. (t % 2 == 0 ? order : order.Reverse()).Select(k => raced.Index.LookupList(k.Channel, k.EventId))]);
        for (var t = 0; t < 8; t++)
        {
            var keysOfT = (t % 2 == 0 ? order : order.Reverse()).ToArray();
            for (var i = 0; i < keysOfT.Length; i++)
            {
                var expected = sequential.Index.LookupList(keysOfT[i].Channel, keysOfT[i].EventId).Items;
                Assert.Equal(expected.Select(c => (c.Rule, BranchOf(sequential, c))), results[t][i].Items.Select(c => (c.Rule, BranchOf(raced, c))));
                // once made, a list is the one every later lookup gets
                Assert.Same(results[t][i], raced.Index.LookupList(keysOfT[i].Channel, keysOfT[i].EventId));
            }
        }
    }
}
