using Harrier.Sigma.Matching.Predicates;
using static Harrier.Sigma.Tests.Features.RuleFixture;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// Patterns with many unbounded runs are searched with the linear-time engine first; the answers must be those
/// of the backtracking engine (which every other pattern uses).
/// </summary>
public class RegexEngineTests
{
    [Theory]
    [InlineData(@"\+.*\+.*\+.*\+", true)]
    [InlineData(@"(?i)echo.*clip.*&&.*(Clipboard|i`?n`?v`?o`?k`?e`?)", true)]
    [InlineData(@"cmd.{0,5}(?:/c|/r).+powershell.+(?:\$\{?input\}?|noexit).+""", true)]
    [InlineData(@"a\S+b[^,]*c.+d", true)]
    [InlineData(@"a\S+b[^,]*c\s+d", false)] // \s+ is a narrow run
    [InlineData(@"\$PSHome\[\s*\d{1,3}\s*\]\s*\+\s*\$PSHome\[", false)]
    [InlineData(@"\.\*\.\*\.\*", false)] // escaped: literal dots and stars
    [InlineData(@"^C:\\Windows\\.*\.exe$", false)]
    [InlineData(@"[0-9a-f]{32}", false)]
    public void Patterns_that_backtrack_badly_are_recognised(string pattern, bool expected) =>
        Assert.Equal(expected, RegexPredicate.BacktracksBadly(pattern));

    [Theory]
    [InlineData(12, false)]
    [InlineData(14, true)]
    [InlineData(40, true)]
    public void Many_special_characters_rule_gives_the_backtracking_answer(int pluses, bool expected)
    {
        // SigmaHQ proc_creation_win_powershell_cmdline_special_characters: 14 '+' on one line
        var detection = "sel:\n    CommandLine|re: '\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+'\ncondition: sel";
        var line = string.Concat(Enumerable.Range(0, pluses).Select(i => $"$v{i} +")) + " tail";
        var backtracking = new System.Text.RegularExpressions.Regex(@"\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+").IsMatch(line);
        Assert.Equal(expected, backtracking);
        Assert.Equal(expected, Matches(detection, "CommandLine=" + line));
        // the same '+' spread over two lines: '.' does not cross a line break
        var split = line[..(line.Length / 2)] + "\n" + line[(line.Length / 2)..];
        Assert.Equal(new System.Text.RegularExpressions.Regex(@"\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+.*\+").IsMatch(split), Matches(detection, "CommandLine=" + split));
    }

    [Fact]
    public void Rules_with_the_same_pattern_share_one_linear_engine()
    {
        const string Pattern = @"echo.*clip.*&&.*(?:Clipboard|invoke)";
        var set = Compile(string.Join("\n---\n", Enumerable.Range(0, 2).Select(i => Rule($"sel:\n    CommandLine|re: '{Pattern}'\ncondition: sel"))));
        var e = Event("CommandLine=echo x | clip && invoke");
        var hits = new List<Harrier.Sigma.Matching.RuleHit>();
        var matcher = set.CreateMatcher();
        for (var i = 0; i <= RegexPredicate.LinearAfter; i++)
        {
            hits.Clear();
            matcher.Match(e, hits);
            Assert.Equal(2, hits.Count);
        }
        var predicates = set.Rules.SelectMany(r => r.Branches).Select(b => b.Matcher)
            .OfType<Harrier.Sigma.Matching.Nodes.FieldMatcher>().SelectMany(f => f.Predicates).OfType<RegexPredicate>().ToList();
        Assert.Equal(2, predicates.Count);
        Assert.NotNull(predicates[0].LinearEngine);
        Assert.Same(predicates[0].LinearEngine, predicates[1].LinearEngine);
    }

    [Theory]
    [InlineData(@"echo.*clip.*&&.*(?:Clipboard|invoke)", RegexPredicate.LinearAfter)] // three runs: hands over after so many searches
    [InlineData(@"(?i)(set).*&&\s?set.*(environment|invoke).*&&.*x", RegexPredicate.LinearAfter)] // four
    [InlineData(@"a.*b.*c.*d.*e.*f", 0)] // five: linear at once
    [InlineData(@"echo\s+clip", int.MaxValue)] // no unbounded broad run: backtracking only
    public void The_linear_engine_takes_over_by_the_pattern_and_the_number_of_searches(string pattern, int backtrackingSearches)
    {
        var predicate = new RegexPredicate(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
        var backtracking = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        // values that pass the prefilter (every required text present: each is a search), some matching, some not
        string[] values = [.. new[] { "echo clip && invoke", "echo  clip", "echo clip && Clipboard", "clip echo && invoke", "echo clip &&\n invoke", "echo-clip",
            "set x && set environment && x", "SET a &&set INVOKE&&x", "set a && set other && x", "a b c d e f", "f e d c b a", "abcdef", "a\nb c d e f" }
            .Where(v => predicate.RequiredTexts.AllIn(v))];
        Assert.Contains(values, backtracking.IsMatch);
        Assert.Contains(values, v => !backtracking.IsMatch(v));
        for (var i = 0; i < Math.Min(backtrackingSearches, 500); i++)
        {
            Assert.Null(predicate.LinearEngine);
            var value = values[i % values.Length];
            Assert.Equal(backtracking.IsMatch(value), predicate.IsMatch(value, null!));
        }
        foreach (var value in values) Assert.Equal(backtracking.IsMatch(value), predicate.IsMatch(value, null!));
        if (backtrackingSearches == int.MaxValue) Assert.Null(predicate.LinearEngine);
        else Assert.NotNull(predicate.LinearEngine);
    }
}
