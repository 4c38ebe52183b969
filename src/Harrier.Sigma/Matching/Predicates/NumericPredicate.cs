using System.Globalization;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Matching.Predicates;

/// <summary><c>lt lte gt gte</c>: the value parsed as a decimal or <c>0x</c> hex number, compared.</summary>
internal sealed class NumericPredicate(ComparisonOperator op, double operand) : ValuePredicate
{
    public ComparisonOperator Operator => op;
    public double Operand => operand;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope) =>
        TryParse(value, out var x) && Compare(op, x, operand);

    internal static bool Compare(ComparisonOperator op, double x, double y) => op switch
    {
        ComparisonOperator.Lt => x < y,
        ComparisonOperator.Lte => x <= y,
        ComparisonOperator.Gt => x > y,
        ComparisonOperator.Gte => x >= y,
        ComparisonOperator.Eq => x == y,
        _ => x != y,
    };

    internal static bool TryParse(ReadOnlySpan<char> value, out double x)
    {
        value = value.Trim();
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            x = hex;
            return true;
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out x);
    }
}
