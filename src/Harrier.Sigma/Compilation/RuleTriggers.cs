using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// Derives a <see cref="RuleTrigger"/> from a matcher tree: a field test whose every value names a needle of the
/// field's shared literal search can only succeed if one of those needles occurs; <c>and</c> keeps the clauses of its
/// operands (every operand must hold), <c>or</c> needs a clause from every operand and unites them; <c>not</c>, presence
/// tests, numbers and the like give no condition. Only a necessary condition is derived, never a sufficient one.
/// </summary>
internal sealed class RuleTriggers
{
    const int MaxClauses = 3;
    const int MaxAllNeedles = 2;

    readonly Dictionary<int, (int Automaton, Dictionary<string, int> Ids)> _byField = [];

    public RuleTriggers(LiteralSearch[] searches)
    {
        for (var a = 0; a < searches.Length; a++)
        {
            var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < searches[a].Needles.Count; i++) ids.TryAdd(searches[a].Needles[i], i);
            _byField[searches[a].FieldId] = (a, ids);
        }
    }

    /// <summary>The trigger of a branch, or null when it must always be evaluated.</summary>
    public RuleTrigger? Of(Matcher m) =>
        Clauses(m) is { Count: > 0 } clauses ? new RuleTrigger([.. clauses.Select(Freeze)]) : null;

    // a clause while building: automaton → needle ids
    List<Dictionary<int, SortedSet<int>>>? Clauses(Matcher m)
    {
        switch (m)
        {
            case SharedLiteralMatcher s:
                return s.All
                    ? [.. s.Needles.Take(MaxAllNeedles).Select(n => Clause(s.Automaton, [n]))]
                    : [Clause(s.Automaton, s.Needles)];
            case FieldMatcher f:
                return Values(f.FieldId, f.Predicates.Select(RequiredLiterals.Needle).ToList(), f.All);
            case KeywordMatcher k:
                return Values(LiteralSharing.AllValues, k.Predicates.Select(RequiredLiterals.Needle).ToList(), k.All);
            case AndMatcher a:
            {
                var all = a.Operands.Select(Clauses).Where(c => c is not null).SelectMany(c => c!).ToList();
                return all.Count == 0 ? null : [.. all.OrderBy(Size).Take(MaxClauses)];
            }
            case OrMatcher o:
            {
                var union = new Dictionary<int, SortedSet<int>>();
                foreach (var operand in o.Operands)
                {
                    if (Clauses(operand) is not { Count: > 0 } c) return null;
                    foreach (var (automaton, ids) in c.OrderBy(Size).First())
                    {
                        if (!union.TryGetValue(automaton, out var set)) union[automaton] = set = [];
                        set.UnionWith(ids);
                    }
                }
                return [union];
            }
            default:
                return null;
        }
    }

    List<Dictionary<int, SortedSet<int>>>? Values(int fieldId, List<string?> needles, bool all)
    {
        if (needles.Count == 0 || !_byField.TryGetValue(fieldId, out var search)) return null;
        if (all) // every value must match: each usable needle is a clause of its own
        {
            var usable = needles.OfType<string>().Where(search.Ids.ContainsKey).OrderByDescending(n => n.Length).Take(MaxAllNeedles).ToList();
            return usable.Count == 0 ? null : [.. usable.Select(n => Clause(search.Automaton, [search.Ids[n]]))];
        }
        var ids = new List<int>();
        foreach (var n in needles)
        {
            if (n is null || !search.Ids.TryGetValue(n, out var id)) return null; // a value without a needle: no condition
            ids.Add(id);
        }
        return [Clause(search.Automaton, ids)];
    }

    static Dictionary<int, SortedSet<int>> Clause(int automaton, IEnumerable<int> ids) => new() { [automaton] = [.. ids] };

    static int Size(Dictionary<int, SortedSet<int>> clause) => clause.Values.Sum(s => s.Count);

    static RuleTrigger.Clause Freeze(Dictionary<int, SortedSet<int>> clause)
    {
        var automata = clause.Keys.Order().ToArray();
        return new RuleTrigger.Clause(automata, [.. automata.Select(a => new NeedleSet(clause[a]))]);
    }
}
