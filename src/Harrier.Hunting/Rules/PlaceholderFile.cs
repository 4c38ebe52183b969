using YamlDotNet.RepresentationModel;

namespace Harrier.Hunting.Rules;

/// <summary>
/// Reads values for Sigma <c>|expand</c> placeholders: a YAML mapping of placeholder name (with or without the
/// surrounding %) to a value or a list of values.
/// </summary>
public static class PlaceholderFile
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new FormatException($"{path}: expected a mapping of placeholder name to values");
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value!.Trim('%');
            result[name] = value switch
            {
                YamlScalarNode s => [s.Value ?? ""],
                YamlSequenceNode seq => [.. seq.Children.Select(c => (c as YamlScalarNode)?.Value
                    ?? throw new FormatException($"{path}:{c.Start.Line}: placeholder values must be scalars"))],
                _ => throw new FormatException($"{path}:{value.Start.Line}: '{name}' needs a value or a list of values"),
            };
        }
        return result;
    }
}
