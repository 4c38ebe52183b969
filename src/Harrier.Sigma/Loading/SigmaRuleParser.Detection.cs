using Harrier.Sigma.Model;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.Loading;

internal static partial class SigmaRuleParser
{
    static SigmaDetection ParseDetection(YamlNode node, SigmaRuleInfo info, List<SigmaDiagnostic>? diagnostics, string? skipKey = null)
    {
        if (node is not YamlMappingNode map) throw new SigmaRuleException(Line(node), "detection must be a mapping");
        var searches = new Dictionary<string, SearchNode>(StringComparer.Ordinal);
        List<string>? conditions = null;
        var conditionLine = Line(map);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, "search identifier");
            if (key == skipKey) continue;
            if (key == "condition")
            {
                conditionLine = Line(v);
                conditions = v switch
                {
                    YamlScalarNode s => [Scalar(s, "condition")],
                    YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.Select(c => Scalar(c, "condition")).ToList(),
                    _ => throw new SigmaRuleException(Line(v), "condition must be a string or a list of strings"),
                };
                continue;
            }
            if (key == "timeframe")
            {
                diagnostics?.Add(new SigmaDiagnostic(info.Path, Line(k), info.DisplayId,
                    "detection.timeframe belongs to Sigma 1.0 aggregations and is ignored (use a correlation's timespan)", DiagnosticSeverity.Warning));
                continue;
            }
            if (!searches.TryAdd(key, ParseSearch(v, 0)))
                throw new SigmaRuleException(Line(k), $"duplicate search identifier '{key}'");
        }
        if (conditions is null) throw new SigmaRuleException(Line(map), "detection has no condition");
        return new SigmaDetection(searches, conditions, conditionLine);
    }

    const int MaxNesting = 8;

    static SearchNode ParseSearch(YamlNode node, int depth)
    {
        if (depth > MaxNesting) throw new SigmaRuleException(Line(node), "search nested too deeply");
        switch (node)
        {
            case YamlMappingNode map:
            {
                var items = new List<SearchNode>(map.Children.Count);
                foreach (var (k, v) in map.Children) items.Add(ParseFieldItem(Scalar(k, "field name"), k, v, depth));
                if (items.Count == 0) throw new SigmaRuleException(Line(map), "empty search map");
                return items.Count == 1 ? items[0] : new SearchAll(items, Line(map));
            }
            case YamlSequenceNode seq:
            {
                if (seq.Children.Count == 0) throw new SigmaRuleException(Line(seq), "empty search list");
                if (seq.Children.All(c => c is YamlScalarNode))
                    return new KeywordItem(seq.Children.Select(c => Value((YamlScalarNode)c)).ToList(), Line(seq));
                var alternatives = seq.Children.Select(c => c is YamlScalarNode s
                    ? new KeywordItem([Value(s)], Line(s))
                    : ParseSearch(c, depth + 1)).ToList();
                return new SearchAny(alternatives, Line(seq));
            }
            case YamlScalarNode scalar:
                return new KeywordItem([Value(scalar)], Line(scalar));
            default:
                throw new SigmaRuleException(Line(node), "unsupported search definition");
        }
    }

    static SearchNode ParseFieldItem(string key, YamlNode keyNode, YamlNode value, int depth)
    {
        var parts = key.Split('|');
        var field = parts[0].Length == 0 ? null : parts[0];
        var modifiers = parts.Skip(1).ToList();
        if (modifiers.Any(m => m.Length == 0)) throw new SigmaRuleException(Line(keyNode), $"empty modifier in '{key}'");
        List<SigmaValue> values;
        switch (value)
        {
            case YamlScalarNode s:
                values = [Value(s)];
                break;
            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                values = seq.Children.Select(c => Value((YamlScalarNode)c)).ToList();
                if (values.Count == 0) throw new SigmaRuleException(Line(value), $"'{key}' has an empty value list");
                break;
            case YamlMappingNode when field is not null && depth < MaxNesting:
                throw new SigmaRuleException(Line(value), $"'{key}' has a nested map as value; values must be scalars or lists of scalars");
            default:
                throw new SigmaRuleException(Line(value), $"'{key}' must have a scalar or a list of scalars as value");
        }
        return new FieldItem(field, modifiers, values, Line(keyNode));
    }
}
