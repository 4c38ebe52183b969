using Harrier.Evtx.Events;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Tests.Features;

/// <summary>Compiles a detection snippet as a product-windows rule (any channel) and matches events.</summary>
internal static class RuleFixture
{
    public static CompiledRuleSet Compile(string yaml, SigmaCompileOptions? options = null)
    {
        var set = SigmaRuleSet.Parse(yaml);
        Assert.Empty(set.Diagnostics);
        return SigmaCompiler.Compile(set, null, options);
    }

    public static string Rule(string detection, string logsource = "    product: windows") => $"""
        title: t
        id: 00000000-0000-0000-0000-000000000001
        logsource:
        {logsource}
        detection:
        {Indent(detection)}
        """;

    static string Indent(string s) => string.Join('\n', s.Split('\n').Select(l => "    " + l));

    /// <summary>An event from "Field=value" strings (a field may repeat: multi-valued).</summary>
    public static EventFields Event(params string[] fields)
    {
        var e = new EventFields();
        foreach (var f in fields)
        {
            var eq = f.IndexOf('=');
            var name = f[..eq];
            var value = f[(eq + 1)..];
            e.Add(name, value);
            if (name == "EventID") e.EventId = int.Parse(value);
        }
        return e;
    }

    public static bool Matches(string detection, params string[] fields) => Matches(Compile(Rule(detection)), Event(fields));

    public static bool Matches(CompiledRuleSet set, EventFields e)
    {
        Assert.Empty(set.Unused);
        var hits = new List<RuleHit>();
        set.CreateMatcher().Match(e, hits);
        return hits.Count > 0;
    }

    /// <summary>Why the snippet's rule is unusable (compile error), or null.</summary>
    public static string? CompileError(string detection, SigmaCompileOptions? options = null)
    {
        var set = SigmaRuleSet.Parse(Rule(detection));
        if (set.Diagnostics.Count > 0) return set.Diagnostics[0].Reason;
        var compiled = SigmaCompiler.Compile(set, null, options);
        return compiled.Unused.Count > 0 ? compiled.Unused[0].Reason : null;
    }
}
