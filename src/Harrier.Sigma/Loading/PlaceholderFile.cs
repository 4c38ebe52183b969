using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.Loading;

/// <summary>Values for <c>expand</c> placeholders from YAML: <c>name: value</c> or <c>name: [value, ...]</c>.</summary>
public static class PlaceholderFile
{
    /// <exception cref="SigmaRuleException">invalid content (with line)</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string path) => Parse(File.ReadAllText(path), path);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string yaml, string source)
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
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SigmaRuleException(1, $"{source}: placeholders must be a mapping of name: [values]");
        foreach (var (k, v) in root.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            result[name.Trim('%')] = v switch
            {
                YamlScalarNode s => [s.Value ?? ""],
                YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value
                    ?? throw new SigmaRuleException((int)c.Start.Line, $"{source}: placeholder values must be scalars")).ToList(),
                _ => throw new SigmaRuleException((int)v.Start.Line, $"{source}: placeholder '{name}' needs a value or a list"),
            };
        }
        return result;
    }
}
