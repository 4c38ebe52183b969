using Harrier.Cli.Tests.Hunting;
using Harrier.Testing;

namespace Harrier.Cli.Tests;

/// <summary><c>harrier rules lint</c> as a user runs it: a missing path is named and fails the run; the rest is still linted.</summary>
public sealed class RulesLintCommandTests
{
    [Fact]
    public void A_missing_path_is_named_and_exits_2_while_the_other_paths_are_linted()
    {
        var missing = Path.Combine(Path.GetTempPath(), "harrier-no-such-rules-" + Guid.NewGuid().ToString("N"));
        var rules = SharedData.Path("sigma", "rules", "windows", "builtin", "security", "account_management");
        var r = HarrierProcess.Run("rules", "lint", rules, missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(missing + ":0: error: no such file or directory", r.Stdout);
        Assert.Matches(@"[1-9]\d* rules and \d+ correlations usable", r.Stdout);

        var ok = HarrierProcess.Run("rules", "lint", rules);
        Assert.True(ok.ExitCode == 0, ok.Stderr);
    }
}
