using System.Globalization;
using Harrier.Sigma.Model;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.Loading;

internal static partial class SigmaRuleParser
{
    static SigmaCorrelation ParseCorrelation(SigmaRuleInfo info, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw new SigmaRuleException(Line(node), "correlation must be a mapping");
        var typeNode = Child(map, "type") ?? throw new SigmaRuleException(Line(map), "correlation.type is missing");
        var type = Scalar(typeNode, "correlation.type") switch
        {
            "event_count" => CorrelationType.EventCount,
            "value_count" => CorrelationType.ValueCount,
            "temporal" => CorrelationType.Temporal,
            "temporal_ordered" or "ordered_temporal" => CorrelationType.TemporalOrdered,
            "value_sum" => CorrelationType.ValueSum,
            "value_avg" => CorrelationType.ValueAvg,
            "value_percentile" => CorrelationType.ValuePercentile,
            var t => throw new SigmaRuleException(Line(typeNode), $"unknown correlation type '{t}'"),
        };
        var rules = Child(map, "rules") switch
        {
            YamlScalarNode s => [Scalar(s, "correlation.rules")],
            YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.Select(c => Scalar(c, "correlation rule reference")).ToList(),
            var other => throw new SigmaRuleException(Line(other ?? map), "correlation.rules must list rule ids or names"),
        };
        IReadOnlyList<string> groupBy = Child(map, "group-by") switch
        {
            null => [],
            YamlScalarNode s => [Scalar(s, "group-by field")],
            YamlSequenceNode seq => seq.Children.Select(c => Scalar(c, "group-by field")).ToList(),
            var other => throw new SigmaRuleException(Line(other), "group-by must be a list of fields"),
        };
        var spanNode = Child(map, "timespan") ?? Child(map, "timeframe") ?? throw new SigmaRuleException(Line(map), "correlation.timespan is missing");
        var timespan = ParseTimespan(spanNode);
        var temporal = type is CorrelationType.Temporal or CorrelationType.TemporalOrdered;
        var condition = Child(map, "condition") switch
        {
            null when temporal => new CorrelationCondition([(ComparisonOperator.Gte, rules.Count)], [], null),
            null => throw new SigmaRuleException(Line(map), "correlation.condition is missing"),
            YamlMappingNode c => ParseCorrelationCondition(c, type),
            var other => throw new SigmaRuleException(Line(other), "correlation.condition must be a mapping such as {gte: 10}"),
        };
        var aliases = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (Child(map, "aliases") is { } aliasNode)
        {
            if (aliasNode is not YamlMappingNode am) throw new SigmaRuleException(Line(aliasNode), "aliases must be a mapping");
            foreach (var (k, v) in am.Children)
            {
                if (v is not YamlMappingNode perRule) throw new SigmaRuleException(Line(v), "an alias maps rule names to field names");
                aliases[Scalar(k, "alias")] = perRule.Children.ToDictionary(p => Scalar(p.Key, "rule name"), p => Scalar(p.Value, "field name"), StringComparer.Ordinal);
            }
        }
        var generateNode = Child(map, "generate");
        var generate = generateNode is YamlScalarNode { Value: "true" or "True" or "yes" };
        return new SigmaCorrelation(info, type, rules, groupBy, timespan, condition, aliases, generate);
    }

    static CorrelationCondition ParseCorrelationCondition(YamlMappingNode map, CorrelationType type)
    {
        var comparisons = new List<(ComparisonOperator, double)>();
        var fields = new List<string>();
        double? percentile = null;
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "condition key");
            if (key == "field")
            {
                if (v is YamlSequenceNode seq) fields.AddRange(seq.Children.Select(c => Scalar(c, "condition field")));
                else fields.Add(Scalar(v, "condition field"));
                continue;
            }
            var number = double.TryParse(Scalar(v, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? n : throw new SigmaRuleException(Line(v), $"condition.{key} must be a number");
            if (key == "percentile")
            {
                percentile = number;
                continue;
            }
            comparisons.Add((key switch
            {
                "gt" => ComparisonOperator.Gt,
                "gte" => ComparisonOperator.Gte,
                "lt" => ComparisonOperator.Lt,
                "lte" => ComparisonOperator.Lte,
                "eq" => ComparisonOperator.Eq,
                "neq" => ComparisonOperator.Neq,
                _ => throw new SigmaRuleException(Line(k), $"unknown condition operator '{key}'"),
            }, number));
        }
        if (comparisons.Count is 0 or > 2) throw new SigmaRuleException(Line(map), "condition needs one comparison (or two for a range)");
        var needsField = type is CorrelationType.ValueCount or CorrelationType.ValueSum or CorrelationType.ValueAvg or CorrelationType.ValuePercentile;
        if (needsField && fields.Count == 0) throw new SigmaRuleException(Line(map), "this correlation type needs condition.field");
        if (type == CorrelationType.ValuePercentile && percentile is null)
            throw new SigmaRuleException(Line(map), "value_percentile needs condition.percentile (1..100)");
        if (percentile is < 0 or > 100) throw new SigmaRuleException(Line(map), "percentile must be between 0 and 100");
        return new CorrelationCondition(comparisons, fields, percentile);
    }

    static TimeSpan ParseTimespan(YamlNode node)
    {
        var text = Scalar(node, "timespan");
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
                case 'w': return TimeSpan.FromDays(7 * n);
            }
        }
        throw new SigmaRuleException(Line(node), $"timespan '{text}' is not <number><s|m|h|d|w>");
    }
}
