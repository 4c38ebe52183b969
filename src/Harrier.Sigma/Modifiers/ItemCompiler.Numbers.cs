using Harrier.Sigma.Matching.Predicates;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Modifiers;

// lt / lte / gt / gte and the time parts minute / hour / day / week / month / year
internal sealed partial class ItemCompiler
{
    void ApplyCompare(ComparisonOperator op)
    {
        if (_kind is not (ValueKind.Pattern or ValueKind.TimePart)) Fail("a comparison cannot follow this modifier");
        if (_kind == ValueKind.Pattern) _kind = ValueKind.Compare;
        _compare = op;
    }

    void ApplyTimePart(TimePart part)
    {
        RequirePatterns(part.ToString().ToLowerInvariant());
        _kind = ValueKind.TimePart;
        _timePart = part;
    }

    double Number(string text)
    {
        if (NumericPredicate.TryParse(text, out var x)) return x;
        Fail($"'{text}' is not a number");
        return 0;
    }

    List<ValuePredicate> BuildComparePredicates() =>
        _texts.Select(t => (ValuePredicate)new NumericPredicate(_compare, Number(t))).ToList();

    List<ValuePredicate> BuildTimePartPredicates() =>
        _texts.Select(t => (ValuePredicate)new TimePartPredicate(_timePart, _compare, Number(t))).ToList();
}
