namespace Harrier.Sigma.Model;

/// <summary>
/// A correlation's <c>condition</c>: one or two comparisons (two form a range), plus the field the
/// value_* types aggregate, plus the percentile rank for value_percentile.
/// </summary>
public sealed record CorrelationCondition(IReadOnlyList<(ComparisonOperator Op, double Value)> Comparisons, IReadOnlyList<string> Fields, double? Percentile)
{
    public bool Holds(double x)
    {
        for (var i = 0; i < Comparisons.Count; i++) // an index, not foreach: no enumerator allocated per event
        {
            var (op, v) = Comparisons[i];
            var ok = op switch
            {
                ComparisonOperator.Gt => x > v,
                ComparisonOperator.Gte => x >= v,
                ComparisonOperator.Lt => x < v,
                ComparisonOperator.Lte => x <= v,
                ComparisonOperator.Eq => x == v,
                _ => x != v,
            };
            if (!ok) return false;
        }
        return true;
    }
}

public enum ComparisonOperator { Gt, Gte, Lt, Lte, Eq, Neq }
