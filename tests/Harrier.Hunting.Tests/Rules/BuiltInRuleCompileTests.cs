using Harrier.Hunting.Rules;

namespace Harrier.Hunting.Tests.Rules;

public class BuiltInRuleCompileTests
{
    [Fact]
    public void Whole_pack_loads_and_compiles_without_problems()
    {
        var set = HuntRuleLoader.Load([]);
        Assert.Empty(set.Diagnostics);
        var compiled = RuleHarness.Pack.Value;
        Assert.Empty(compiled.Diagnostics);
        Assert.Empty(compiled.Unused);
        Assert.Equal(set.Rules.Count(), compiled.Rules.Count);
        Assert.Equal(set.Correlations.Count(), compiled.Correlations.Count);
    }
}
