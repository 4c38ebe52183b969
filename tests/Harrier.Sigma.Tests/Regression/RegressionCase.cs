using Harrier.Testing;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.Tests.Regression;

/// <summary>One SigmaHQ regression test: a rule, its sample events, and the expected match count.</summary>
public sealed record RegressionCase(string Name, string RuleFile, string RuleId, string Evtx, int? MatchCount)
{
    public override string ToString() => Name;

    static readonly string[] RuleDirectories = ["rules", "rules-emerging-threats", "rules-threat-hunting"];

    /// <summary>Every rule with a <c>regression_tests_path</c>, every <c>type: evtx</c> test of its info.yml.</summary>
    public static IReadOnlyList<RegressionCase> All => LazyAll.Value;

    static readonly Lazy<List<RegressionCase>> LazyAll = new(Discover);

    static List<RegressionCase> Discover()
    {
        var sigma = SharedData.Path("sigma");
        var cases = new List<RegressionCase>();
        foreach (var dir in RuleDirectories)
        {
            foreach (var rule in Directory.EnumerateFiles(Path.Combine(sigma, dir), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(rule);
                var at = text.IndexOf("\nregression_tests_path:", StringComparison.Ordinal);
                if (at < 0) continue;
                var line = text[(at + 1)..].Split('\n')[0];
                var infoPath = Path.Combine(sigma, line["regression_tests_path:".Length..].Trim().Trim('\'', '"'));
                var info = new YamlStream();
                info.Load(new StringReader(File.ReadAllText(infoPath)));
                var root = (YamlMappingNode)info.Documents[0].RootNode;
                var ruleId = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)root["rule_metadata"]).Children[^1])["id"]).Value!;
                if (!root.Children.TryGetValue("regression_tests_info", out var tests) || tests is not YamlSequenceNode list) continue;
                foreach (YamlMappingNode t in list.Children.Cast<YamlMappingNode>())
                {
                    if (((YamlScalarNode)t["type"]).Value != "evtx") continue;
                    int? count = t.Children.TryGetValue("match_count", out var mc) ? int.Parse(((YamlScalarNode)mc).Value!) : null;
                    var evtx = ((YamlScalarNode)t["path"]).Value!;
                    cases.Add(new RegressionCase(Path.GetFileNameWithoutExtension(rule), rule, ruleId, evtx, count));
                }
            }
        }
        return cases;
    }
}
