using Harrier.Hunting.Rules;
using YamlDotNet.RepresentationModel;

namespace Harrier.Hunting.Tests.Rules;

/// <summary>
/// The pack's YAML is well formed and complete: every document has the metadata the issue requires,
/// ids are fixed unique UUIDs, and correlations reference rules that exist in the pack.
/// (Whether the rules fire is tested through the Sigma engine in BuiltInRuleTests.)
/// </summary>
public class BuiltInRulePackStructureTests
{
    static readonly string[] Levels = ["informational", "low", "medium", "high", "critical"];

    public static TheoryData<string> Sources() => [.. BuiltInRulePack.Files.Select(f => f.Source)];

    static IEnumerable<YamlMappingNode> Documents(string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(BuiltInRulePack.Files.Single(f => f.Source == source).Yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    [Fact]
    public void Pack_covers_the_issue_areas()
    {
        var sources = BuiltInRulePack.Files.Select(f => f.Source).ToArray();
        Assert.True(sources.Length >= 30, $"only {sources.Length} rule files");
        foreach (var area in new[] { "logon/", "rdp/", "ad/", "tampering/" })
            Assert.Contains(sources, s => s.StartsWith(BuiltInRulePack.Prefix + area, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_document_has_the_required_metadata(string source)
    {
        foreach (var doc in Documents(source))
        {
            var title = Scalar(doc, "title");
            Assert.False(string.IsNullOrWhiteSpace(title), $"{source}: title");
            Assert.True(Guid.TryParse(Scalar(doc, "id"), out _), $"{source}: id is not a UUID");
            Assert.False(string.IsNullOrWhiteSpace(Scalar(doc, "description")), $"{source}: description");
            Assert.Contains(Scalar(doc, "level"), Levels);
            Assert.Equal("stable", Scalar(doc, "status"));
            var tags = (YamlSequenceNode)doc[new YamlScalarNode("tags")];
            Assert.Contains(tags, t => ((YamlScalarNode)t).Value!.StartsWith("attack.t", StringComparison.Ordinal));
            Assert.All(tags, t => Assert.StartsWith("attack.", ((YamlScalarNode)t).Value));
            var fp = (YamlSequenceNode)doc[new YamlScalarNode("falsepositives")];
            Assert.NotEmpty(fp);
            var isCorrelation = doc.Children.ContainsKey(new YamlScalarNode("correlation"));
            var isDetection = doc.Children.ContainsKey(new YamlScalarNode("detection"));
            Assert.True(isCorrelation ^ isDetection, $"{source}: needs exactly one of detection/correlation");
            if (isDetection)
            {
                Assert.NotNull(doc[new YamlScalarNode("logsource")]);
                Assert.NotNull(Scalar((YamlMappingNode)doc[new YamlScalarNode("detection")], "condition"));
            }
        }
    }

    [Fact]
    public void Ids_are_unique_and_correlations_reference_existing_rules()
    {
        var docs = BuiltInRulePack.Files.SelectMany(f => Documents(f.Source)).ToArray();
        var ids = docs.Select(d => Scalar(d, "id")!).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var names = docs.Select(d => Scalar(d, "name")).OfType<string>().ToHashSet();
        foreach (var doc in docs.Where(d => d.Children.ContainsKey(new YamlScalarNode("correlation"))))
        {
            var corr = (YamlMappingNode)doc[new YamlScalarNode("correlation")];
            Assert.Contains(Scalar(corr, "type"), new[] { "event_count", "value_count", "temporal", "temporal_ordered" });
            Assert.Matches("^[0-9]+[smhd]$", Scalar(corr, "timespan"));
            foreach (var r in (YamlSequenceNode)corr[new YamlScalarNode("rules")])
                Assert.Contains(((YamlScalarNode)r).Value!, names);
        }
    }
}
