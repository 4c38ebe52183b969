using Harrier.Evtx.Events;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// Finds every case-insensitive <c>contains</c> search per field across all rules; for each field
/// searched by enough needles, builds one Aho–Corasick automaton and rewrites those searches to
/// <see cref="SharedLiteralMatcher"/> lookups. A thousand rules then scan CommandLine once per event.
/// Keyword lists (substring over every value of the event) are shared the same way, under the pseudo field
/// <see cref="AllValues"/>: SigmaHQ's keyword rules without a service (mimikatz keywords) otherwise rescan every
/// value of every event once per keyword.
/// </summary>
internal static class LiteralSharing
{
    /// <summary>The pseudo field id of keyword searches: every value of the event.</summary>
    public const int AllValues = -1;

    public static LiteralSearch[] Apply(List<CompiledRule> rules, SigmaCompileOptions options)
    {
        // 1. collect needles per field
        var needles = new Dictionary<int, Dictionary<string, int>>();
        foreach (var r in rules)
            foreach (var b in r.Branches)
                Visit(b.Matcher, (field, predicates) =>
                {
                    if (!needles.TryGetValue(field, out var set)) needles[field] = set = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    if (Shareable(predicates))
                        foreach (ContainsPredicate c in predicates.Cast<ContainsPredicate>()) set.TryAdd(c.Text, set.Count);
                    else
                        foreach (var p in predicates)
                        {
                            foreach (var literal in RequiredLiterals.Of(p)) set.TryAdd(literal, set.Count);
                            // for rule triggers (RuleTriggers): exact, prefix and suffix texts too, except on the fields
                            // the (channel, EventID) index already answers
                            if (!IndexedField(field) && RequiredLiterals.Needle(p) is { } needle) set.TryAdd(needle, set.Count);
                        }
                });
        var searches = new List<LiteralSearch>();
        var byField = new Dictionary<int, (int Automaton, Dictionary<string, int> Ids)>();
        // keywords scan every value, so even a few of them are worth one shared pass
        var chosen = needles.Where(p => p.Value.Count > 0 && (p.Key == AllValues || p.Value.Count >= options.SharedLiteralMinNeedles)).OrderBy(p => p.Key).ToList();
        if (chosen.Count == 0) return [];
        var classes = new CharClasses(chosen.SelectMany(p => p.Value.Keys));
        var lists = chosen.Select(p => p.Value.OrderBy(n => n.Value).Select(n => n.Key).ToList()).ToArray();
        var automata = new AhoCorasick[chosen.Count];
        System.Threading.Tasks.Parallel.For(0, chosen.Count, i => automata[i] = new AhoCorasick(lists[i], classes)); // independent; on all cores
        for (var i = 0; i < chosen.Count; i++)
        {
            byField[chosen[i].Key] = (searches.Count, chosen[i].Value);
            searches.Add(new LiteralSearch(chosen[i].Key, automata[i], lists[i]));
        }
        // 2. rewrite (rules are independent: on all cores)
        System.Threading.Tasks.Parallel.For(0, rules.Count, i =>
        {
            var r = rules[i];
            var branches = r.Branches.Select(b => b with { Matcher = Rewrite(b.Matcher, byField) }).ToList();
            rules[i] = new CompiledRule(r.Index, r.Rule, branches) { AppliedFilters = r.AppliedFilters, Generates = r.Generates };
        });
        return [.. searches];
    }

    static bool IndexedField(int field) => field == FieldNames.EventId || field == FieldNames.Channel || field == FieldNames.Provider;

    static bool Shareable(ValuePredicate[] predicates) =>
        predicates.Length > 0 && predicates.All(p => p is ContainsPredicate { Cased: false, Text.Length: > 0 });

    static bool Shareable(FieldMatcher f) => Shareable(f.Predicates);

    /// <summary>Calls back with every field test's (field, values): shareable contains-lists and the rest (for gates).</summary>
    static void Visit(Matcher m, Action<int, ValuePredicate[]> onField)
    {
        switch (m)
        {
            case FieldMatcher f: onField(f.FieldId, f.Predicates); break;
            case KeywordMatcher k: onField(AllValues, k.Predicates); break;
            case AndMatcher a: foreach (var o in a.Operands) Visit(o, onField); break;
            case OrMatcher o: foreach (var x in o.Operands) Visit(x, onField); break;
            case NotMatcher n: Visit(n.Operand, onField); break;
        }
    }

    /// <summary>Wildcard and regex values behind their required literals, when the field has a shared search.</summary>
    static ValuePredicate[] Gate(ValuePredicate[] predicates, int fieldId, (int Automaton, Dictionary<string, int> Ids) search) =>
        predicates.Select(p => RequiredLiterals.Of(p) is { Count: > 0 } literals
            ? new GatedPredicate(p, search.Automaton, fieldId, literals.Select(l => search.Ids[l]).ToArray())
            : p).ToArray();

    static Matcher Rewrite(Matcher m, Dictionary<int, (int Automaton, Dictionary<string, int> Ids)> byField) => m switch
    {
        FieldMatcher f when Shareable(f) && byField.TryGetValue(f.FieldId, out var s) =>
            new SharedLiteralMatcher(s.Automaton, f.FieldId, f.Predicates.Select(p => s.Ids[((ContainsPredicate)p).Text]).ToArray(), f.All),
        KeywordMatcher k when Shareable(k.Predicates) && byField.TryGetValue(AllValues, out var s) =>
            new SharedLiteralMatcher(s.Automaton, AllValues, k.Predicates.Select(p => s.Ids[((ContainsPredicate)p).Text]).ToArray(), k.All),
        FieldMatcher f when byField.TryGetValue(f.FieldId, out var s) => new FieldMatcher(f.FieldId, Gate(f.Predicates, f.FieldId, s), f.All),
        KeywordMatcher k when byField.TryGetValue(AllValues, out var s) => new KeywordMatcher(Gate(k.Predicates, AllValues, s), k.All),
        AndMatcher a => new AndMatcher(a.Operands.Select(o => Rewrite(o, byField)).ToArray()),
        OrMatcher o => new OrMatcher(o.Operands.Select(x => Rewrite(x, byField)).ToArray()),
        NotMatcher n => new NotMatcher(Rewrite(n.Operand, byField)),
        _ => m,
    };
}
