using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

public sealed partial class CorrelationEngine
{
    /// <summary>The aggregate of entries [start, end) if the condition holds on it, else null.</summary>
    static double? Evaluate(CompiledCorrelation c, List<Entry> list, int start, int end)
    {
        if (end <= start) return null;
        var condition = c.Correlation.Condition;
        double value;
        switch (c.Type)
        {
            case CorrelationType.EventCount:
                value = end - start;
                break;
            case CorrelationType.ValueCount:
            {
                var distinct = new HashSet<string>(StringComparer.Ordinal);
                for (var i = start; i < end; i++)
                    if (list[i].Input.Text is { } t) distinct.Add(t);
                value = distinct.Count;
                break;
            }
            case CorrelationType.ValueSum or CorrelationType.ValueAvg or CorrelationType.ValuePercentile:
            {
                var numbers = new List<double>();
                for (var i = start; i < end; i++)
                    if (!double.IsNaN(list[i].Input.Number)) numbers.Add(list[i].Input.Number);
                if (numbers.Count == 0) return null;
                value = c.Type switch
                {
                    CorrelationType.ValueSum => numbers.Sum(),
                    CorrelationType.ValueAvg => numbers.Average(),
                    _ => Percentile(numbers, condition.Percentile ?? 50),
                };
                break;
            }
            case CorrelationType.Temporal:
            {
                var seen = new HashSet<int>();
                for (var i = start; i < end; i++) seen.Add(list[i].Member);
                value = seen.Count;
                break;
            }
            default: // TemporalOrdered: the members in rules order, each after the previous one
                value = OrderedCount(c.Members.Count, list, start, end);
                break;
        }
        return condition.Holds(value) ? value : null;
    }

    /// <summary>How many of the members 0, 1, 2 … occur in that order (a subsequence) within the entries.</summary>
    static int OrderedCount(int members, List<Entry> list, int start, int end)
    {
        var next = 0;
        for (var i = start; i < end && next < members; i++)
            if (list[i].Member == next) next++;
        return next;
    }

    /// <summary>Nearest-rank percentile (p in 0..100).</summary>
    static double Percentile(List<double> numbers, double p)
    {
        numbers.Sort();
        var rank = (int)Math.Ceiling(p / 100 * numbers.Count);
        return numbers[Math.Clamp(rank - 1, 0, numbers.Count - 1)];
    }
}
