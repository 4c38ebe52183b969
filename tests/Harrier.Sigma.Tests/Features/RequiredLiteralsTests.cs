using System.Text.RegularExpressions;
using Harrier.Sigma.Compilation;
using Harrier.Sigma.Matching;
using static Harrier.Sigma.Tests.Features.RuleFixture;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// Required literals gate wildcard and regex values, and rule triggers skip rules none of whose needles occur. Both
/// must be necessary conditions only: every test here compares against the plain evaluation (no shared search).
/// </summary>
public class RequiredLiteralsTests
{
    [Theory]
    [InlineData(@"net\s+user\s+", "net|user")]
    [InlineData(@"abc*def", "ab|def")]                        // c may vanish
    [InlineData(@"abc+def", "abc|def")]                       // c stays, but d need not follow it
    [InlineData(@"ab{2}cd", "ab|cd")]
    [InlineData(@"foo(bar|baz)qux", "foo|qux")]              // groups are skipped
    [InlineData(@"foo|bar", "")]                              // top-level alternation: nothing required
    [InlineData(@"\.exe\s", ".exe")]
    [InlineData(@"a\x41xyz", "a|xyz")]                        // the hex escape is not a literal here
    [InlineData(@"x[a-z-[aeiou]]yz", "x|yz")]                 // class subtraction nests
    [InlineData(@"^C:\\Windows\\.*\.exe$", @"C:\Windows\|.exe")]
    [InlineData(@"(?i)Kerberos", "erberos")]                  // ignore case: k may equal the Kelvin sign
    [InlineData(@"(?x)abc def", "")]                          // whitespace means nothing under x
    [InlineData(@"\1abc", "abc")]
    [InlineData(@"\12abc", "abc")]                            // back-reference digits are never literal
    [InlineData(@"\p{L}abc", "abc")]
    [InlineData("a\U0001F600b", "a|b")]                       // surrogates: the literal search may fold them otherwise
    public void Literal_runs_of_a_regex(string pattern, string expected)
    {
        var runs = RequiredLiterals.FromRegex(pattern, RegexOptions.None);
        Assert.Equal(expected, string.Join('|', runs));
    }

    [Fact]
    public void Ignore_case_regex_literals_skip_k()
    {
        Assert.Equal(["erberos"], RequiredLiterals.FromRegex("Kerberos", RegexOptions.IgnoreCase));
        Assert.Equal(["Kerberos"], RequiredLiterals.FromRegex("Kerberos", RegexOptions.None));
    }

    static readonly SigmaCompileOptions Shared = SigmaCompileOptions.Default with { SharedLiteralMinNeedles = 1 };
    static readonly SigmaCompileOptions Direct = SigmaCompileOptions.Default with { SharedLiteralSearch = false };

    [Theory]
    [InlineData("sel:\n    ScriptBlockText|contains: '-Properties*TrustedForDelegation'\ncondition: sel", "ScriptBlockText=Get-ADUser -Properties Name,TrustedForDelegation", true)]
    [InlineData("sel:\n    ScriptBlockText|contains: '-Properties*TrustedForDelegation'\ncondition: sel", "ScriptBlockText=Get-ADUser -Properties Name", false)]
    [InlineData("sel:\n    ScriptBlockText|contains: '-Properties*TrustedForDelegation'\ncondition: sel", "ScriptBlockText=TrustedForDelegation -Properties", false)]
    [InlineData("sel:\n    CommandLine|re: 'net\\s+user\\s+'\ncondition: sel", "CommandLine=NET   USER bob", false)]  // regex is cased
    [InlineData("sel:\n    CommandLine|re: '(?i)net\\s+user\\s+'\ncondition: sel", "CommandLine=NET   USER bob", true)]
    [InlineData("sel:\n    CommandLine|re: 'net\\s+user\\s+'\ncondition: sel", "CommandLine=net   user bob", true)]
    [InlineData("sel:\n    Image|endswith:\n        - '\\calc.exe'\n        - '\\ping.exe'\n    CommandLine|contains: ' -n '\ncondition: sel", "Image=C:\\x\\PING.EXE", false)]
    [InlineData("sel:\n    Image|endswith:\n        - '\\calc.exe'\n        - '\\ping.exe'\n    CommandLine|contains: ' -n '\ncondition: sel", "Image=C:\\x\\PING.EXE|CommandLine=ping -n 3", true)]
    [InlineData("sel:\n    Image|endswith: '\\ping.exe'\nfilter:\n    CommandLine|contains: '127.0.0.1'\ncondition: sel and not filter", "Image=C:\\x\\ping.exe|CommandLine=ping 127.0.0.1", false)]
    [InlineData("sel:\n    Image|endswith: '\\ping.exe'\nfilter:\n    CommandLine|contains: '127.0.0.1'\ncondition: sel and not filter", "Image=C:\\x\\ping.exe|CommandLine=ping 10.0.0.1", true)]
    [InlineData("sel:\n    - User|contains: 'AUTHORI'\n    - IntegrityLevel: System\ncondition: sel", "IntegrityLevel=SYSTEM", true)]
    [InlineData("sel:\n    - User|contains: 'AUTHORI'\n    - IntegrityLevel: System\ncondition: sel", "IntegrityLevel=Medium", false)]
    [InlineData("keywords:\n    - 'sekurlsa::*password'\n    - 'lsadump::'\ncondition: keywords", "Data=sekurlsa::logonpasswords", true)]
    [InlineData("keywords:\n    - 'sekurlsa::*password'\n    - 'lsadump::'\ncondition: keywords", "Data=sekurlsa::tickets", false)]
    public void Gated_and_triggered_rules_answer_as_plain_evaluation(string detection, string fields, bool expected)
    {
        var e = Event(fields.Split('|'));
        Assert.Equal(expected, Matches(Compile(Rule(detection), Direct), e));
        Assert.Equal(expected, Matches(Compile(Rule(detection), Shared), e));
    }

    [Fact]
    public void A_rule_none_of_whose_needles_occurs_is_not_evaluated()
    {
        var set = Compile(Rule("sel:\n    Image|endswith:\n        - '\\calc.exe'\n        - '\\ping.exe'\n    CommandLine|re: '\\s-n\\s'\ncondition: sel"), Shared);
        var matcher = set.CreateMatcher();
        var hits = new List<RuleHit>();
        matcher.Match(Event("Image=C:\\Windows\\cmd.exe", "CommandLine=cmd /c dir"), hits);
        Assert.Empty(hits);
        Assert.Equal(0, matcher.Evaluations);
        matcher.Match(Event("Image=C:\\Windows\\ping.exe", "CommandLine=ping -n 1 host"), hits);
        Assert.Single(hits);
        Assert.Equal(1, matcher.Evaluations);
    }
}
