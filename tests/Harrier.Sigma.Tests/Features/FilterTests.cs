using Harrier.Sigma.Loading;

namespace Harrier.Sigma.Tests.Features;

public class FilterTests
{
    const string Rule = """
        title: Whoami
        id: 00000000-0000-0000-0000-0000000000a1
        logsource:
            category: process_creation
            product: windows
        detection:
            selection:
                Image|endswith: '\whoami.exe'
            condition: selection
        """;

    static string Filter(string rules, string logsource = "category: process_creation\n    product: windows") => Rule + $"""

        ---
        title: Admin jump host is fine
        id: 00000000-0000-0000-0000-0000000000b1
        logsource:
            {logsource}
        filter:
            rules: {rules}
            selection:
                Computer: JUMP01
            condition: not selection
        """;

    static bool Matches(string yaml, string computer)
    {
        var set = SigmaRuleSet.Parse(yaml);
        Assert.Empty(set.Diagnostics);
        return RuleFixture.Matches(SigmaCompiler.Compile(set),
            RuleFixture.Event("Channel=Microsoft-Windows-Sysmon/Operational", "EventID=1", @"Image=C:\Windows\System32\whoami.exe", "Computer=" + computer));
    }

    [Fact]
    public void Filter_is_anded_with_the_rules_it_names()
    {
        Assert.True(Matches(Rule, "JUMP01"));
        Assert.False(Matches(Filter("[00000000-0000-0000-0000-0000000000a1]"), "JUMP01"));
        Assert.True(Matches(Filter("[00000000-0000-0000-0000-0000000000a1]"), "PC7"));
    }

    [Fact]
    public void Filter_for_other_rules_or_another_log_source_does_not_apply()
    {
        Assert.True(Matches(Filter("[someone-else]"), "JUMP01"));
        Assert.True(Matches(Filter("[00000000-0000-0000-0000-0000000000a1]", "category: file_event\n    product: windows"), "JUMP01"));
    }

    [Fact]
    public void Filter_rules_any_applies_to_every_rule_of_the_log_source()
    {
        Assert.False(Matches(Filter("any"), "JUMP01"));
        var compiled = SigmaCompiler.Compile(SigmaRuleSet.Parse(Filter("any")));
        Assert.Equal(["00000000-0000-0000-0000-0000000000b1"], compiled.Rules.Single().AppliedFilters);
    }
}
