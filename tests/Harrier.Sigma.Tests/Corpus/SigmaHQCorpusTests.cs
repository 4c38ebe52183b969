using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Testing;
using Xunit.Abstractions;

namespace Harrier.Sigma.Tests.Corpus;

/// <summary>All of SigmaHQ's rules, rules-emerging-threats and rules-threat-hunting load and compile.</summary>
public class SigmaHQCorpusTests(ITestOutputHelper output)
{
    static readonly Lazy<(SigmaRuleSet Set, CompiledRuleSet Compiled)> Corpus = new(() =>
    {
        var set = SigmaRuleSet.Load(new[] { "rules", "rules-emerging-threats", "rules-threat-hunting" }.Select(d => SharedData.Path("sigma", d)));
        return (set, SigmaCompiler.Compile(set));
    });

    [Fact]
    public void Every_file_loads_without_error()
    {
        var (set, _) = Corpus.Value;
        Assert.True(set.FileCount > 3000, $"{set.FileCount} files");
        Assert.DoesNotContain(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(set.FileCount, set.Documents.Count);
    }

    [Fact]
    public void Windows_rules_are_unused_only_for_placeholders_or_no_EVTX_form()
    {
        var (set, compiled) = Corpus.Value;
        Assert.DoesNotContain(compiled.Unused, u => u.Kind == UnusedReason.Invalid);
        var windows = set.Rules.Where(r => r.LogSource.Product == "windows").ToList();
        var unusedWindows = compiled.Unused.Where(u => windows.Any(w => ReferenceEquals(w.Info, u.Info))).ToList();
        foreach (var u in unusedWindows) output.WriteLine(u.ToString());
        Assert.True(windows.Count > 2800, $"{windows.Count} windows rules");
        Assert.Equal(windows.Count, compiled.Rules.Count(r => r.Rule.LogSource.Product == "windows") + unusedWindows.Count);
        // file_access / file_rename are ETW-only; the two CVE-2026-54121 rules use %placeholders%
        Assert.All(unusedWindows, u => Assert.True(
            u.Kind == UnusedReason.UnresolvedPlaceholder || u.Info is { } && (u.Reason.Contains("file_access") || u.Reason.Contains("file_rename")), u.ToString()));
        Assert.Equal(15, unusedWindows.Count(u => u.Kind == UnusedReason.NotApplicable));
        Assert.Equal(2, unusedWindows.Count(u => u.Kind == UnusedReason.UnresolvedPlaceholder));
    }

    [Fact]
    public void Under_thor_yml_the_unmapped_services_are_not_applicable_too()
    {
        var (set, _) = Corpus.Value;
        var thor = SigmaCompiler.Compile(set, Harrier.Sigma.LogSources.LogSourceMap.Load(SharedData.Path("sigma", "tests", "thor.yml")));
        var windowsUnused = thor.Unused.Where(u => set.Rules.Any(r => ReferenceEquals(r.Info, u.Info) && r.LogSource.Product == "windows")).ToList();
        foreach (var u in windowsUnused) output.WriteLine(u.ToString());
        // sigma-notes §2.3: 20 rules in scope can never match EVTX under thor.yml, plus 2 placeholder rules
        Assert.Equal(20, windowsUnused.Count(u => u.Kind == UnusedReason.NotApplicable));
        Assert.Equal(2, windowsUnused.Count(u => u.Kind == UnusedReason.UnresolvedPlaceholder));
    }
}
