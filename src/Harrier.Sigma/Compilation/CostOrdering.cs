using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// Reorders the operands of every <c>and</c>/<c>or</c> node, and the values of every field test, cheapest
/// first, so that short-circuiting skips the expensive tests: a rule "Image ends with \powershell.exe and
/// CommandLine matches a backtracking regex" then runs its regex on PowerShell command lines only, not on
/// every process creation. Matching has no side effects, so the order cannot change a result.
/// </summary>
/// <remarks>
/// The costs are rough relative estimates of one evaluation, not measurements: presence tests and lookups
/// in a shared literal search are nearly free; a comparison with one value is cheap; a substring search,
/// a wildcard pattern or a number parse costs more; a keyword test scans every value of the event; a regex
/// costs most.
/// </remarks>
internal static class CostOrdering
{
    public static void Apply(List<CompiledRule> rules)
    {
        System.Threading.Tasks.Parallel.For(0, rules.Count, i =>
        {
            var r = rules[i];
            var branches = r.Branches.Select(b => b with { Matcher = Order(b.Matcher).Matcher }).ToList();
            rules[i] = new CompiledRule(r.Index, r.Rule, branches) { AppliedFilters = r.AppliedFilters, Generates = r.Generates };
        });
    }

    static (Matcher Matcher, int Cost) Order(Matcher m)
    {
        switch (m)
        {
            case AndMatcher a:
            {
                var ordered = a.Operands.Select(Order).OrderBy(x => x.Cost).ToArray(); // stable: equal costs keep the rule's order
                return (new AndMatcher([.. ordered.Select(x => x.Matcher)]), ordered.Sum(x => x.Cost));
            }
            case OrMatcher o:
            {
                var ordered = o.Operands.Select(Order).OrderBy(x => x.Cost).ToArray();
                return (new OrMatcher([.. ordered.Select(x => x.Matcher)]), ordered.Sum(x => x.Cost));
            }
            case NotMatcher n:
            {
                var (operand, cost) = Order(n.Operand);
                return (new NotMatcher(operand), cost);
            }
            case FieldMatcher f:
            {
                var ordered = f.Predicates.OrderBy(Cost).ToArray();
                return (new FieldMatcher(f.FieldId, ordered, f.All), 2 + ordered.Sum(Cost));
            }
            case KeywordMatcher k: return (m, 20 * k.Predicates.Sum(Cost));
            case SharedLiteralMatcher s: return (m, s.FieldId == LiteralSharing.AllValues ? 30 : 3);
            case ConstMatcher: return (m, 0);
            case ExistsMatcher: return (m, 1);
            default: return (m, 40); // fieldref
        }
    }

    static int Cost(ValuePredicate p) => p switch
    {
        AnyValuePredicate => 0,
        ExactPredicate or PrefixPredicate or SuffixPredicate => 4,
        ContainsPredicate => 12,
        NumericPredicate or TimePartPredicate or CidrPredicate => 15,
        GlobPredicate => 25,
        RegexPredicate => 300,
        GatedPredicate g => 3 + Cost(g.Inner) / 10, // mostly a lookup in the shared literal search
        _ => 40,
    };
}
