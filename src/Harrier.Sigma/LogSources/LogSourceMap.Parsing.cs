using Harrier.Sigma.Loading;
using Harrier.Sigma.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.LogSources;

public sealed partial class LogSourceMap
{
    /// <summary>Parses map text. Throws <see cref="SigmaRuleException"/> (with line) when invalid.</summary>
    public static LogSourceMap Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SigmaRuleException((int)e.Start.Line, $"{source}: YAML syntax: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SigmaRuleException(1, $"{source}: a log source map must be a mapping with 'logsources'");
        var entries = new Dictionary<string, LogSourceEntry>(StringComparer.Ordinal);
        if (Child(root, "logsources") is YamlMappingNode ls)
        {
            foreach (var (k, v) in ls.Children)
            {
                var name = ((YamlScalarNode)k).Value ?? "";
                if (v is not YamlMappingNode e) throw new SigmaRuleException(Line(v), $"{source}: entry '{name}' must be a mapping");
                entries[name] = ParseEntry(name, e, source);
            }
        }
        else throw new SigmaRuleException(Line(root), $"{source}: no 'logsources' mapping");
        var na = new Dictionary<(string, string), string>();
        if (Child(root, "not_applicable") is YamlMappingNode naNode)
        {
            foreach (var (k, v) in naNode.Children)
            {
                var kind = ((YamlScalarNode)k).Value ?? "";
                if (kind is not ("categories" or "services" or "products") || v is not YamlMappingNode kinds)
                    throw new SigmaRuleException(Line(k), $"{source}: not_applicable takes categories, services or products mappings");
                foreach (var (n, reason) in kinds.Children)
                    na[(kind, ((YamlScalarNode)n).Value ?? "")] = (reason as YamlScalarNode)?.Value ?? "no EVTX form";
            }
        }
        return new LogSourceMap(entries, na, source);
    }

    static LogSourceEntry ParseEntry(string name, YamlMappingNode e, string source)
    {
        var conditions = new List<FieldItem>();
        if (Child(e, "conditions") is YamlMappingNode c)
        {
            foreach (var (k, v) in c.Children)
            {
                var values = v switch
                {
                    YamlScalarNode s => [ValueOf(s)],
                    YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(ValueOf).ToList(),
                    _ => throw new SigmaRuleException(Line(v), $"{source}: condition values must be scalars or lists"),
                };
                conditions.Add(new FieldItem(((YamlScalarNode)k).Value, [], values, Line(k)));
            }
        }
        string? rwProduct = null, rwService = null;
        if (Child(e, "rewrite") is YamlMappingNode rw)
        {
            rwProduct = Text(rw, "product");
            rwService = Text(rw, "service");
        }
        List<string>? sources = Child(e, "sources") switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            YamlScalarNode s => [s.Value ?? ""],
            _ => null,
        };
        var mappings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Child(e, "fieldmappings") is YamlMappingNode fm)
        {
            foreach (var (k, v) in fm.Children)
                mappings[((YamlScalarNode)k).Value ?? ""] = v switch
                {
                    YamlScalarNode s => [s.Value ?? ""],
                    YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").ToList(),
                    _ => throw new SigmaRuleException(Line(v), $"{source}: a field mapping is a field name or a list of them"),
                };
        }
        return new LogSourceEntry(name, Text(e, "category"), Text(e, "product"), Text(e, "service"),
            conditions, rwProduct, rwService, sources, mappings);
    }

    static SigmaValue ValueOf(YamlScalarNode s) => new(SigmaValueKind.String, s.Value ?? "");

    static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key).Value;

    static string? Text(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value?.ToLowerInvariant();

    static int Line(YamlNode n) => (int)n.Start.Line;
}
