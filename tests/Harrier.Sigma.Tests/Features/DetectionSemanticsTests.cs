namespace Harrier.Sigma.Tests.Features;

/// <summary>Table-driven: (detection, event fields, expected) for what the regression data does not exercise.</summary>
public class DetectionSemanticsTests
{
    public static TheoryData<string, string, string[], bool> Cases => new()
    {
        // maps AND, lists OR, list of maps OR, case-insensitive default
        { "map and", "sel:\n    A: x\n    B: y\ncondition: sel", ["A=X", "B=y"], true },
        { "map and fails", "sel:\n    A: x\n    B: y\ncondition: sel", ["A=x", "B=z"], false },
        { "value list or", "sel:\n    A: [x, y]\ncondition: sel", ["A=y"], true },
        { "list of maps or", "sel:\n    - A: x\n    - B: y\ncondition: sel", ["B=y"], true },
        { "plain value is full match", "sel:\n    A: abc\ncondition: sel", ["A=xabcx"], false },
        { "wildcard star", "sel:\n    A: 'a*c'\ncondition: sel", ["A=abbbc"], true },
        { "wildcard question", "sel:\n    A: 'a?c'\ncondition: sel", ["A=abc"], true },
        { "wildcard question needs one", "sel:\n    A: 'a?c'\ncondition: sel", ["A=ac"], false },
        { "inner wildcards backtrack", "sel:\n    A: '*ab*abc'\ncondition: sel", ["A=xxababxabc"], true },
        // escaping
        { "escaped star literal", "sel:\n    A: 'a\\*c'\ncondition: sel", ["A=a*c"], true },
        { "escaped star not wildcard", "sel:\n    A: 'a\\*c'\ncondition: sel", ["A=abc"], false },
        { "double backslash is one", "sel:\n    A: '\\\\\\\\srv'\ncondition: sel", ["A=\\\\srv"], true },
        { "backslash before letter literal", "sel:\n    A: 'C:\\Windows\\x'\ncondition: sel", ["A=C:\\Windows\\x"], true },
        { "trailing backslash with endswith", "sel:\n    A|endswith: 'dir\\'\ncondition: sel", ["A=c:\\dir\\"], true },
        { "backslash then wildcard", "sel:\n    A: 'a\\\\*'\ncondition: sel", ["A=a\\zzz"], true },
        { "three backslashes star", "sel:\n    A: 'a\\\\\\*'\ncondition: sel", ["A=a\\*"], true },
        // null and empty
        { "null means absent", "sel:\n    A: null\ncondition: sel", ["B=1"], true },
        { "null absent fails when present", "sel:\n    A: null\ncondition: sel", ["A="], false },
        { "empty means present and empty", "sel:\n    A: ''\ncondition: sel", ["A="], true },
        { "empty fails when absent", "sel:\n    A: ''\ncondition: sel", ["B=1"], false },
        { "not filter with absent field is true", "sel:\n    B: 1\nfilter:\n    A: x\ncondition: sel and not filter", ["B=1"], true },
        // numbers and booleans compare as text
        { "int value", "sel:\n    EventID: 4688\ncondition: sel", ["EventID=4688"], true },
        { "bool value", "sel:\n    Signed: false\ncondition: sel", ["Signed=false"], true },
        // multi-valued Data
        { "contains all across elements", "sel:\n    Data|contains|all: [MsMpEng.exe, mpengine.dll]\ncondition: sel", ["Data=MsMpEng.exe", "Data=x", "Data=c:\\mpengine.dll"], true },
        { "any element matches", "sel:\n    Data: b\ncondition: sel", ["Data=a", "Data=b"], true },
        // keywords
        { "keyword substring any field", "keywords:\n    - 'sekurlsa::'\ncondition: keywords", ["A=x", "CommandLine=mimikatz SEKURLSA::logonpasswords"], true },
        { "keyword absent", "keywords:\n    - 'sekurlsa::'\ncondition: keywords", ["A=x"], false },
        { "keyword all", "keywords:\n    '|all': [foo, bar]\ncondition: keywords", ["A=foo", "B=xbarx"], true },
        { "keyword all needs both", "keywords:\n    '|all': [foo, bar]\ncondition: keywords", ["A=foo"], false },
        // modifiers: strings
        { "startswith", "sel:\n    A|startswith: ab\ncondition: sel", ["A=ABC"], true },
        { "endswith", "sel:\n    A|endswith: bc\ncondition: sel", ["A=ABC"], true },
        { "contains all", "sel:\n    A|contains|all: [a, c]\ncondition: sel", ["A=abc"], true },
        { "contains all fails", "sel:\n    A|contains|all: [a, d]\ncondition: sel", ["A=abc"], false },
        { "cased matches exact case", "sel:\n    A|cased: Abc\ncondition: sel", ["A=Abc"], true },
        { "cased rejects other case", "sel:\n    A|cased: Abc\ncondition: sel", ["A=abc"], false },
        { "cased contains", "sel:\n    A|contains|cased: Bc\ncondition: sel", ["A=aBcd"], true },
        { "exists true", "sel:\n    A|exists: true\ncondition: sel", ["A="], true },
        { "exists false", "sel:\n    A|exists: false\ncondition: sel", ["A=1"], false },
        { "exists false absent", "sel:\n    A|exists: false\ncondition: sel", ["B=1"], true },
        { "neq different", "sel:\n    A|neq: x\ncondition: sel", ["A=y"], true },
        { "neq same", "sel:\n    A|neq: x\ncondition: sel", ["A=X"], false },
        { "neq list is not any", "sel:\n    A|neq: [x, y]\ncondition: sel", ["A=y"], false },
        { "neq absent field", "sel:\n    A|neq: x\ncondition: sel", ["B=1"], true },
        { "windash en dash", "sel:\n    A|contains|windash: ' -enc '\ncondition: sel", ["A=powershell \u2013enc abc"], true },
        { "windash slash", "sel:\n    A|contains|windash: ' -enc '\ncondition: sel", ["A=powershell /enc abc"], true },
        { "windash horizontal bar", "sel:\n    A|contains|windash: ' -enc '\ncondition: sel", ["A=powershell \u2015enc abc"], true },
        { "windash leaves inner dash", "sel:\n    A|contains|windash: 'x-y'\ncondition: sel", ["A=x/y"], false },
        // regex
        { "re substring", "sel:\n    A|re: 'b+c'\ncondition: sel", ["A=abbbcd"], true },
        { "re case-sensitive", "sel:\n    A|re: 'ABC'\ncondition: sel", ["A=abc"], false },
        { "re i", "sel:\n    A|re|i: 'ABC'\ncondition: sel", ["A=abc"], true },
        { "re m", "sel:\n    A|re|m: '^b$'\ncondition: sel", ["A=a\nb\nc"], true },
        { "re without m", "sel:\n    A|re: '^b$'\ncondition: sel", ["A=a\nb\nc"], false },
        { "re s", "sel:\n    A|re|s: 'a.c'\ncondition: sel", ["A=a\nc"], true },
        { "re without s", "sel:\n    A|re: 'a.c'\ncondition: sel", ["A=a\nc"], false },
        // encodings
        { "base64", "sel:\n    A|base64: 'http://'\ncondition: sel", ["A=aHR0cDovLw=="], true },
        { "base64 contains", "sel:\n    A|base64|contains: 'http://'\ncondition: sel", ["A=xxaHR0cDovLw==yy"], true },
        { "base64offset 0", "sel:\n    A|base64offset|contains: 'http://'\ncondition: sel", ["A=" + B64("http://evil")], true },
        { "base64offset 1", "sel:\n    A|base64offset|contains: 'http://'\ncondition: sel", ["A=" + B64("xhttp://evil")], true },
        { "base64offset 2", "sel:\n    A|base64offset|contains: 'http://'\ncondition: sel", ["A=" + B64("xyhttp://evil")], true },
        { "base64offset other", "sel:\n    A|base64offset|contains: 'http://'\ncondition: sel", ["A=" + B64("ftp://evil")], false },
        { "wide base64offset", "sel:\n    A|wide|base64offset|contains: 'ping'\ncondition: sel", ["A=" + B64Utf16("cmd /c ping x")], true },
        { "utf16le base64", "sel:\n    A|utf16le|base64: 'cmd'\ncondition: sel", ["A=YwBtAGQA"], true },
        { "utf16be base64", "sel:\n    A|utf16be|base64: 'cmd'\ncondition: sel", ["A=AGMAbQBk"], true },
        { "utf16 with bom base64", "sel:\n    A|utf16|base64: 'cmd'\ncondition: sel", ["A=//5jAG0AZAA="], true },
        // numbers
        { "lt", "sel:\n    A|lt: 10\ncondition: sel", ["A=9"], true },
        { "lt equal", "sel:\n    A|lt: 10\ncondition: sel", ["A=10"], false },
        { "lte", "sel:\n    A|lte: 10\ncondition: sel", ["A=10"], true },
        { "gt hex value", "sel:\n    A|gt: 255\ncondition: sel", ["A=0x100"], true },
        { "gte", "sel:\n    A|gte: 3\ncondition: sel", ["A=3"], true },
        { "gt not a number", "sel:\n    A|gt: 3\ncondition: sel", ["A=abc"], false },
        // time parts
        { "hour", "sel:\n    UtcTime|hour: 23\ncondition: sel", ["UtcTime=2024-05-01 23:15:00.123"], true },
        { "hour other", "sel:\n    UtcTime|hour: 22\ncondition: sel", ["UtcTime=2024-05-01 23:15:00.123"], false },
        { "minute", "sel:\n    T|minute: 15\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        { "day", "sel:\n    T|day: 1\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        { "week", "sel:\n    T|week: 18\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        { "month", "sel:\n    T|month: 5\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        { "year", "sel:\n    T|year: 2024\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        { "hour gte", "sel:\n    T|hour|gte: 22\ncondition: sel", ["T=2024-05-01T23:15:00Z"], true },
        // cidr
        { "cidr v4", "sel:\n    Ip|cidr: 10.0.0.0/8\ncondition: sel", ["Ip=10.1.2.3"], true },
        { "cidr v4 out", "sel:\n    Ip|cidr: 10.0.0.0/8\ncondition: sel", ["Ip=11.1.2.3"], false },
        { "cidr v6 loopback", "sel:\n    Ip|cidr: '::1/128'\ncondition: sel", ["Ip=::1"], true },
        { "cidr v6 link local", "sel:\n    Ip|cidr: 'fe80::/10'\ncondition: sel", ["Ip=fe80::1234:5678"], true },
        { "cidr v6 ula", "sel:\n    Ip|cidr: 'fc00::/7'\ncondition: sel", ["Ip=fd12::1"], true },
        { "cidr v6 out", "sel:\n    Ip|cidr: 'fc00::/7'\ncondition: sel", ["Ip=2001:db8::1"], false },
        { "cidr v4 against v6", "sel:\n    Ip|cidr: 10.0.0.0/8\ncondition: sel", ["Ip=::1"], false },
        { "cidr mapped v4", "sel:\n    Ip|cidr: 10.0.0.0/8\ncondition: sel", ["Ip=::ffff:10.0.0.5"], true },
        // fieldref
        { "fieldref equal", "sel:\n    A|fieldref: B\ncondition: sel", ["A=x", "B=X"], true },
        { "fieldref differ", "sel:\n    A|fieldref: B\ncondition: sel", ["A=x", "B=y"], false },
        { "fieldref neq", "sel:\n    A|fieldref|neq: B\ncondition: sel", ["A=x", "B=y"], true },
        { "fieldref contains", "sel:\n    A|fieldref|contains: B\ncondition: sel", ["A=axb", "B=x"], true },
        { "fieldref endswith", "sel:\n    A|fieldref|endswith: B\ncondition: sel", ["A=c:\\a\\b.exe", "B=b.exe"], true },
        { "fieldref cased", "sel:\n    A|fieldref|cased: B\ncondition: sel", ["A=x", "B=X"], false },
        // conditions
        { "precedence not 1 of", "a1:\n    A: 1\na2:\n    A: 2\nsel:\n    B: 1\ncondition: sel and not 1 of a*", ["B=1", "A=2"], false },
        { "precedence not 1 of none", "a1:\n    A: 1\na2:\n    A: 2\nsel:\n    B: 1\ncondition: sel and not 1 of a*", ["B=1", "A=3"], true },
        { "and binds tighter than or", "x:\n    A: 1\ny:\n    B: 1\nz:\n    C: 1\ncondition: x or y and z", ["A=1"], true },
        { "and binds tighter than or 2", "x:\n    A: 1\ny:\n    B: 1\nz:\n    C: 1\ncondition: (x or y) and z", ["A=1"], false },
        { "not binds tighter than and", "x:\n    A: 1\ny:\n    B: 1\ncondition: not x and y", ["B=1"], true },
        { "all of pattern", "s1:\n    A: 1\ns2:\n    B: 1\ncondition: all of s*", ["A=1", "B=1"], true },
        { "all of pattern partial", "s1:\n    A: 1\ns2:\n    B: 1\ncondition: all of s*", ["A=1"], false },
        { "1 of them", "s1:\n    A: 1\ns2:\n    B: 1\ncondition: 1 of them", ["B=1"], true },
        { "all of them skips underscore", "s1:\n    A: 1\n_helper:\n    B: 1\ncondition: all of them", ["A=1"], true },
        { "condition list is or", "s1:\n    A: 1\ns2:\n    B: 1\ncondition:\n    - s1\n    - s2", ["B=1"], true },
        { "uppercase operators", "s1:\n    A: 1\ns2:\n    B: 1\ncondition: s1 OR s2", ["B=1"], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Detection_semantics(string name, string detection, string[] fields, bool expected) =>
        Assert.True(RuleFixture.Matches(detection, fields) == expected, name);

    static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s));
    static string B64Utf16(string s) => Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(s));

    [Theory]
    [InlineData("sel:\n    A|foo: x\ncondition: sel", "unknown modifier 'foo'")]
    [InlineData("sel:\n    A: x\ncondition: sel and other", "unknown search identifier 'other'")]
    [InlineData("sel:\n    A: x\ncondition: 1 of nothing*", "matches no search identifier")]
    [InlineData("sel:\n    A: x\ncondition: sel | count() > 5", "Sigma 1.0")]
    [InlineData("sel:\n    A|re: '(unclosed'\ncondition: sel", "invalid regex")]
    [InlineData("sel:\n    A|cidr: 'not-an-ip'\ncondition: sel", "not a CIDR network")]
    [InlineData("sel:\n    A|gt: abc\ncondition: sel", "not a number")]
    [InlineData("sel:\n    A|contains|re: x\ncondition: sel", "'re' must be the first modifier")]
    [InlineData("sel:\n    A|base64: 'a*b'\ncondition: sel", "cannot encode wildcards")]
    [InlineData("sel:\n    A|expand: '%unknown%'\ncondition: sel", "unresolved placeholder %unknown%")]
    public void Invalid_rules_are_rejected_with_a_reason(string detection, string reason) =>
        Assert.Contains(reason, RuleFixture.CompileError(detection));

    [Fact]
    public void Cidr_compiles() => Assert.Null(RuleFixture.CompileError("sel:\n    Ip|cidr: 10.0.0.0/8\ncondition: sel"));

    [Fact]
    public void Expand_uses_the_placeholder_values()
    {
        var options = new SigmaCompileOptions
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Admins"] = ["CORP\\alice", "CORP\\bob"] },
        };
        var set = RuleFixture.Compile(RuleFixture.Rule("sel:\n    User|expand: '%Admins%'\ncondition: sel"), options);
        Assert.True(RuleFixture.Matches(set, RuleFixture.Event("User=corp\\bob")));
        Assert.False(RuleFixture.Matches(set, RuleFixture.Event("User=corp\\carol")));
        var escaped = RuleFixture.Compile(RuleFixture.Rule("sel:\n    A|expand: '100\\%'\ncondition: sel"), options);
        Assert.True(RuleFixture.Matches(escaped, RuleFixture.Event("A=100%")));
    }

    [Fact]
    public void Catastrophic_backtracking_is_answered_by_the_linear_engine()
    {
        var options = new SigmaCompileOptions { RegexTimeout = TimeSpan.FromMilliseconds(1) };
        var set = RuleFixture.Compile(RuleFixture.Rule("sel:\n    A|re: '^(a+)+$'\ncondition: sel"), options);
        var matcher = set.CreateMatcher();
        var hits = new List<Matching.RuleHit>();
        matcher.Match(RuleFixture.Event("A=" + new string('a', 5000) + "!"), hits);
        Assert.Empty(hits);
        matcher.Match(RuleFixture.Event("A=" + new string('a', 5000)), hits);
        Assert.Single(hits);
        Assert.Empty(matcher.RegexTimeouts);
    }

    [Fact]
    public void A_regex_that_times_out_is_reported_and_counts_as_no_match()
    {
        // a backreference rules out the linear engine, so the timeout stands
        var options = new SigmaCompileOptions { RegexTimeout = TimeSpan.FromMilliseconds(1) };
        var set = RuleFixture.Compile(RuleFixture.Rule("sel:\n    A|re: '^(a+)+\\1$'\ncondition: sel"), options);
        var matcher = set.CreateMatcher();
        var hits = new List<Matching.RuleHit>();
        matcher.Match(RuleFixture.Event("A=" + new string('a', 5000) + "!"), hits);
        Assert.Empty(hits);
        Assert.Single(matcher.RegexTimeouts);
    }
}
