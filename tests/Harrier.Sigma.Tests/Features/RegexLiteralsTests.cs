using System.Text.RegularExpressions;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Predicates;
using static Harrier.Sigma.Tests.Features.RuleFixture;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// The regex prefilter: texts every match must contain. It may only ever reject values the regex would not match, so
/// besides hand-written cases a seeded property test compares it with the regex engine on random patterns and values.
/// </summary>
public class RegexLiteralsTests
{
    [Theory]
    [InlineData(@"\$PSHome\[\s*\d{1,3}\s*\]\s*\+\s*\$PSHome\[", "$PSHome[|]|+|$PSHome[")]
    [InlineData(@"(?i)echo.*clip.*&&.*(?:Clipboard|i`?n`?v`?o`?k`?e`?)", "echo|cl|p|&&")] // i: equated with U+0130/U+0131 in Turkic cultures
    [InlineData(@"cmd.{0,5}(?:/c|/r).+powershell.+(?:\$\{?input\}?|noexit).+""", "cmd|powershell|\"")]
    [InlineData(@"foo|bar", "")]                       // top-level alternation: nothing required
    [InlineData(@"foo(bar|baz)qux", "foo|qux")]        // groups are skipped
    [InlineData(@"(?:abc)+def", "def")]
    [InlineData(@"abc?def", "ab|def")]                 // c may vanish
    [InlineData(@"abc*def", "ab|def")]
    [InlineData(@"abc??def", "ab|def")]                // lazy
    [InlineData(@"abc*?def", "ab|def")]
    [InlineData(@"abc+def", "abc|def")]                // c stays, but d need not follow it
    [InlineData(@"abc+?def", "abc|def")]
    [InlineData(@"abc{0,3}def", "ab|def")]
    [InlineData(@"abc{0}def", "ab|def")]
    [InlineData(@"abc{2}def", "abc|def")]
    [InlineData(@"abc{1,}?def", "abc|def")]
    [InlineData(@"abc{x}", "")]                        // not a quantifier: literal braces, not understood
    [InlineData(@"a}b", "")]
    [InlineData(@"x[a-z-[aeiou]]yz", "x|yz")]          // class subtraction nests
    [InlineData(@"x[(|)]yz", "x|yz")]                  // metacharacters inside a class
    [InlineData(@"x[^]]yz", "x|yz")]
    [InlineData(@"^C:\\Windows\\.*\.exe$", @"C:\Windows\|.exe")]
    [InlineData(@"\.\*\+\?\(\)\[\]\{\}\|\^\$\/\""\-\ \#", @".*+?()[]{}|^$/""- #")]
    [InlineData(@"a\x41b\u0041c\101d", "a|b|c|d")]     // code escapes are not taken as literals
    [InlineData(@"a\tb\nc\bd\Ae\zf", "a|b|c|d|e|f")]
    [InlineData(@"a\d\w\s\S\D\Wb", "a|b")]
    [InlineData(@"\p{L}abc\P{Lu}d", "abc|d")]
    [InlineData(@"(?<n>ab)\k<n>cd\1ef", "cd|ef")]       // back-references
    [InlineData(@"(?=abc)abd(?!x)e", "abd|e")]
    [InlineData(@"(?x)abc def", "")]                   // whitespace means nothing under x
    [InlineData(@"ab(?x:c d)ef", "")]
    [InlineData(@"ab(?#note)cd", "")]                  // comments: not scanned
    [InlineData(@"(?i)Kerberos", "erberos")]           // k may equal the Kelvin sign
    [InlineData(@"(?i)mimikatz", "m|m|atz")]
    [InlineData(@"(?i:x)Smss", "Smss")]
    [InlineData(@"Kerberos", "Kerberos")]              // cased: every character
    [InlineData(@"é.ü", "é|ü")]
    [InlineData(@"(?i)é.ü", "")]                       // ignoring case only ASCII is compared
    [InlineData(@"ab)", "")]
    [InlineData(@"ab\", "")]
    public void Literal_runs(string pattern, string expected)
    {
        var (runs, _) = RegexLiterals.Scan(pattern, RegexOptions.None);
        Assert.Equal(expected, string.Join('|', runs));
    }

    [Fact]
    public void Options_decide_the_comparison()
    {
        Assert.Equal(("Kerberos", false), Flatten(RegexLiterals.Scan("Kerberos", RegexOptions.CultureInvariant)));
        Assert.Equal(("erberos", true), Flatten(RegexLiterals.Scan("Kerberos", RegexOptions.IgnoreCase)));
        Assert.Equal(("", true), Flatten(RegexLiterals.Scan("(?-i)Kerberos", RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)));
        Assert.Equal(("abc", true), Flatten(RegexLiterals.Scan("(?im)abc", RegexOptions.None)));
        Assert.Equal(("abc|d", false), Flatten(RegexLiterals.Scan("^abc$.^d", RegexOptions.Multiline | RegexOptions.Singleline)));

        static (string, bool) Flatten((List<string> Runs, bool IgnoreCase) scan) => (string.Join('|', scan.Runs), scan.IgnoreCase);
    }

    [Theory]
    [InlineData("a|bcd|ef|bc|ghij|x", false, "ghij|bcd|ef")]    // longest first, contained runs left out
    [InlineData("abc|ABC|b", true, "ABC")]                    // ignoring case, abc is contained in ABC
    [InlineData("abc|ABC|b", false, "ABC|abc")]
    [InlineData("", false, "")]
    public void Longest_runs_are_chosen(string runs, bool ignoreCase, string expected)
    {
        var list = runs.Length == 0 ? [] : runs.Split('|').ToList();
        Assert.Equal(expected, string.Join('|', RegexLiterals.Longest(list, ignoreCase, 3, 1)));
    }

    /// <summary>
    /// Ignoring case, a literal character may be compared with <see cref="StringComparison.OrdinalIgnoreCase"/> only if the
    /// regex engine equates it with exactly the characters that comparison does; checked over every UTF-16 code unit.
    /// </summary>
    [Fact]
    public void Safe_ignore_case_characters_are_those_the_regex_and_ordinal_ignore_case_agree_on()
    {
        var disagreeing = new List<char>();
        for (var c = (char)0; c < 128; c++)
        {
            var lit = c.ToString();
            var regexes = new[]
            {
                new Regex("^" + Regex.Escape(lit) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
                new Regex("^(?i)" + Regex.Escape(lit) + "$"),
            };
            var agrees = true;
            for (var x = 0; x <= char.MaxValue && agrees; x++)
            {
                var s = ((char)x).ToString();
                var ordinal = s.Equals(lit, StringComparison.OrdinalIgnoreCase);
                foreach (var r in regexes) agrees &= r.IsMatch(s) == ordinal;
            }
            if (!agrees) disagreeing.Add(c);
            if (RegexLiterals.IsSafe(c, ignoreCase: true)) Assert.True(agrees, $"'{c}' is deemed safe, but the regex and ordinal-ignore-case disagree");
        }
        Assert.Equal("Kk", new string([.. disagreeing])); // the Kelvin sign (i/I differ only under a Turkic culture)
        var unsafeAscii = Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !RegexLiterals.IsSafe(c, ignoreCase: true));
        Assert.Equal("IKik", new string([.. unsafeAscii]));
        Assert.False(RegexLiterals.IsSafe('é', ignoreCase: true));
        Assert.True(RegexLiterals.IsSafe('é', ignoreCase: false));
    }

    [Theory]
    [InlineData(@"\$PSHome\[\s*\d{1,3}\s*\]", "x = $PSHome[ 21 ]", true)]
    [InlineData(@"\$PSHome\[\s*\d{1,3}\s*\]", "x = $pshome[ 21 ]", false)]             // cased: rejected by the prefilter
    [InlineData(@"(?i)\$PSHome\[\s*\d{1,3}\s*\]", "x = $pshome[ 21 ]", true)]
    [InlineData(@"(?i)mimikatz", "MIMI\u212AATZ", true)]                                 // Kelvin sign: the k is not required
    [InlineData(@"(?i)echo.*clip.*&&.*(?:Clipboard|invoke)", "ECHO x | CLIP && Invoke", true)]
    [InlineData(@"(?i)echo.*clip.*&&.*(?:Clipboard|invoke)", "ECHO x | CLIP & Invoke", false)]
    public void Predicate_answers_as_the_regex(string pattern, string value, bool expected)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        Assert.Equal(expected, regex.IsMatch(value));
        var predicate = new RegexPredicate(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        Assert.Equal(expected, predicate.IsMatch(value, Scope()));
    }

    [Fact]
    public void A_value_without_a_required_text_builds_no_regex()
    {
        var predicate = new RegexPredicate(@"cmd.{0,5}(?:/c|/r).+powershell.+x.+y", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var scope = Scope();
        Assert.False(predicate.IsMatch("cmd /c whoami", scope));
        Assert.False(predicate.IsBuilt);
        Assert.True(predicate.IsMatch("cmd /c powershell -x -y", scope));
    }

    /// <summary>
    /// Random patterns from a small grammar (literals with case variants and metacharacters, classes, groups,
    /// alternation, every quantifier form, anchors, inline and option ignore-case) and values made to match them or
    /// not: whenever the regex matches, every required text is in the value, and the predicate answers as the regex.
    /// </summary>
    [Fact]
    public void Prefilter_never_rejects_a_match_of_random_patterns()
    {
        var random = new Random(20261127);
        var scope = Scope();
        int matched = 0, matchedWithTexts = 0, rejected = 0, patternsWithTexts = 0;
        for (var n = 0; n < 4000; n++)
        {
            var g = new PatternGrammar(random);
            var (pattern, options) = g.Pattern();
            var regex = new Regex(pattern, options);
            var predicate = new RegexPredicate(pattern, options, TimeSpan.FromSeconds(5));
            var required = predicate.RequiredTexts;
            if (required.Texts.Length > 0) patternsWithTexts++;
            for (var k = 0; k < 30; k++)
            {
                var value = k % 3 == 2 ? g.Noise(random.Next(0, 12)) : g.Noise(random.Next(0, 3)) + g.Sample() + g.Noise(random.Next(0, 3));
                var isMatch = regex.IsMatch(value);
                var admitted = required.AllIn(value);
                if (isMatch)
                {
                    matched++;
                    if (required.Texts.Length > 0) matchedWithTexts++;
                    Assert.True(admitted, $"/{pattern}/ ({options}) matches \"{value}\" but the prefilter requires [{string.Join(", ", required.Texts)}] ({required.Comparison})");
                }
                if (!admitted) rejected++;
                Assert.Equal(isMatch, predicate.IsMatch(value, scope));
            }
        }
        // the property was exercised: many matches had required texts, and the prefilter did reject values
        Assert.True(patternsWithTexts > 1500, $"{patternsWithTexts} patterns with required texts");
        Assert.True(matchedWithTexts > 15_000, $"{matchedWithTexts} of {matched} matches had required texts");
        Assert.True(rejected > 8_000, $"{rejected} values rejected");
    }

    static MatchScope Scope() => new(Compile(Rule("sel:\n    a: b\ncondition: sel")));

    /// <summary>A random regex as a tree, rendered as a pattern, and values sampled from it (which usually match).</summary>
    sealed class PatternGrammar(Random random)
    {
        // letters whose case classes differ between the regex and ordinal-ignore-case, and metacharacters
        const string Alphabet = "abkKsSiIxX.$+*?()[]{}|^\\/-\" ";
        static readonly Dictionary<char, string> Variants = new()
        {
            ['k'] = "kK\u212A", ['K'] = "kK\u212A", ['s'] = "sS\u017F", ['S'] = "sS\u017F", ['i'] = "iI\u0130\u0131", ['I'] = "iI\u0130\u0131",
            ['a'] = "aA", ['b'] = "bB", ['x'] = "xX", ['X'] = "xX",
        };
        const string NoiseChars = "abkKsSiIxX.$+*?()[]{}|^\\/-\" 01\u212A\u017F\u0130\u0131é\n";

        Node? _root;

        abstract record Node;
        sealed record Lit(char C) : Node;
        sealed record Any : Node;
        sealed record Class(string Text, string Members) : Node;
        sealed record Escape(string Text, string Members) : Node;
        sealed record Anchor(string Text) : Node;
        sealed record Seq(List<Node> Items) : Node;
        sealed record Alt(List<Node> Options) : Node;
        sealed record Group(string Open, Node Inner) : Node;
        sealed record Quant(Node Atom, string Text, int Min, int Max) : Node;

        public (string Pattern, RegexOptions Options) Pattern()
        {
            _root = random.Next(10) == 0 ? new Alt([Sequence(0), Sequence(0)]) : Sequence(0);
            var options = RegexOptions.CultureInvariant;
            var prefix = "";
            switch (random.Next(4))
            {
                case 0: options |= RegexOptions.IgnoreCase; break;
                case 1: prefix = "(?i)"; break;
            }
            return (prefix + Render(_root), options);
        }

        public string Sample() => SampleOf(_root!);

        public string Noise(int length) => new([.. Enumerable.Range(0, length).Select(_ => NoiseChars[random.Next(NoiseChars.Length)])]);

        Seq Sequence(int depth) => new([.. Enumerable.Range(0, random.Next(1, depth == 0 ? 9 : 4)).Select(_ => Item(depth))]);

        Node Item(int depth)
        {
            var atom = Atom(depth);
            if (atom is Anchor || random.Next(3) != 0) return atom;
            // groups (which may hold quantifiers) repeat a bounded number of times: nested unbounded repetition
            // backtracks exponentially
            return random.Next(atom is Group ? 7 : 12) switch
            {
                0 => new Quant(atom, "?", 0, 1),
                1 => new Quant(atom, "{0,2}", 0, 2),
                2 => new Quant(atom, "{2}", 2, 2),
                3 => new Quant(atom, "{1,3}", 1, 3),
                4 => new Quant(atom, "{0}", 0, 0),
                5 => new Quant(atom, "??", 0, 1),
                6 => new Quant(atom, "{1,2}?", 1, 2),
                7 => new Quant(atom, "*", 0, 3),
                8 => new Quant(atom, "+", 1, 3),
                9 => new Quant(atom, "*?", 0, 3),
                10 => new Quant(atom, "+?", 1, 3),
                _ => new Quant(atom, "{2,}?", 2, 3),
            };
        }

        Node Atom(int depth)
        {
            var pick = random.Next(depth < 2 ? 20 : 16);
            return pick switch
            {
                < 9 => new Lit(Alphabet[random.Next(Alphabet.Length)]),
                9 => new Any(),
                10 => new Class("[abk]", "abk"),
                11 => new Class("[^a\\]]", "bK.$ s"),
                12 => random.Next(2) == 0 ? new Escape(@"\d", "0123") : new Escape(@"\s", " \t"),
                13 => new Escape(@"\x41", "A"),
                14 => new Anchor(random.Next(3) switch { 0 => "^", 1 => "$", _ => @"\b" }),
                15 => new Escape(@"\w", "aZ_9"),
                16 or 17 => new Group(random.Next(3) switch { 0 => "(", 1 => "(?:", _ => "(?i:" }, Sequence(depth + 1)),
                _ => new Group("(", new Alt([Sequence(depth + 1), Sequence(depth + 1)])),
            };
        }

        static string Render(Node n) => n switch
        {
            Lit l => "\\.$+*?()[]{}|^/-\" ".Contains(l.C) ? (l.C == ' ' ? " " : "\\" + l.C) : l.C.ToString(),
            Any => ".",
            Class c => c.Text,
            Escape e => e.Text,
            Anchor a => a.Text,
            Seq s => string.Concat(s.Items.Select(Render)),
            Alt a => string.Join('|', a.Options.Select(Render)),
            Group g => g.Open + Render(g.Inner) + ")",
            Quant q => Render(q.Atom) + q.Text,
            _ => throw new InvalidOperationException(),
        };

        string SampleOf(Node n) => n switch
        {
            Lit l => Variants.TryGetValue(l.C, out var v) ? v[random.Next(v.Length)].ToString() : l.C.ToString(),
            Any => NoiseChars[random.Next(NoiseChars.Length - 1)].ToString(),
            Class c => c.Members[random.Next(c.Members.Length)].ToString(),
            Escape e => e.Members[random.Next(e.Members.Length)].ToString(),
            Anchor => "",
            Seq s => string.Concat(s.Items.Select(SampleOf)),
            Alt a => SampleOf(a.Options[random.Next(a.Options.Count)]),
            Group g => SampleOf(g.Inner),
            Quant q => string.Concat(Enumerable.Range(0, random.Next(q.Min, q.Max + 1)).Select(_ => SampleOf(q.Atom))),
            _ => throw new InvalidOperationException(),
        };
    }
}
