using Harrier.Evtx.Events;
using Harrier.Sigma.Compilation;
using Harrier.Sigma.Loading;
using Harrier.Sigma.LogSources;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Testing;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// The compiled-rule cache must give what compiling gives (compared through its own encoding, which writes every node,
/// predicate, automaton, trigger and unused rule, and by matching the corpus), notice every change of its key, survive
/// damage, and build its regexes only when they run.
/// </summary>
public sealed class CompiledRuleCacheTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "harrier-compiled-test-" + Guid.NewGuid().ToString("N"));
    string Rules => Path.Combine(_dir, "rules");
    string Cache => Path.Combine(_dir, "cache");

    public CompiledRuleCacheTests()
    {
        Directory.CreateDirectory(Rules);
        File.WriteAllText(Path.Combine(Rules, "a.yml"), """
            title: Encoded whoami
            id: 22222222-2222-2222-2222-222222222222
            level: high
            logsource:
                category: process_creation
                product: windows
            detection:
                sel:
                    Image|endswith: '\whoami.exe'
                    CommandLine|re: 'who(am)?i\s+/(all|priv)'
                other:
                    CommandLine|contains|windash: ['-encodedcommand', ' -enc ']
                    ParentImage|contains|expand: '%Parents%'
                net:
                    SourceIp|cidr: 10.0.0.0/8
                    DestinationPort|gte: 1024
                condition: sel or other or net
            ---
            title: Broken regex
            logsource:
                product: windows
                service: security
            detection:
                sel:
                    TargetUserName|re: '(unclosed'
                condition: sel
            """);
        foreach (var f in Directory.GetFiles(Rules)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-1));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly SigmaCompileOptions Placeholders = SigmaCompileOptions.Default with
    {
        Placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Parents"] = ["explorer.exe", "cmd.exe"] },
    };

    SigmaRuleSet Load(string? rules = null) =>
        SigmaRuleSet.Load([rules ?? Rules], SigmaLoadOptions.Default with { CacheDirectory = Cache });

    CompiledRuleSet Compile(SigmaRuleSet set, SigmaCompileOptions? options = null) =>
        SigmaCompiler.Compile(set, null, (options ?? Placeholders) with { CacheDirectory = Cache });

    string[] CompiledFiles => Directory.GetFiles(Cache, "*.compiled");

    static byte[] Encoded(SigmaRuleSet set, SigmaCompileOptions options) =>
        CompiledRuleCache.Encode(set, SigmaCompiler.Derive(set, LogSourceMap.Default, options));

    [Fact]
    public void A_cached_compile_gives_what_compiling_gives()
    {
        var set = Load();
        Assert.NotNull(set.ContentKey);
        var plain = SigmaCompiler.Compile(set, null, Placeholders);
        var first = Compile(set);   // miss: compiles and writes the cache
        var file = Assert.Single(CompiledFiles);
        var written = File.GetLastWriteTimeUtc(file);
        var second = Compile(Load()); // hit
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        foreach (var compiled in new[] { first, second })
        {
            Assert.Equal(plain.Rules.Select(r => r.Info.Title), compiled.Rules.Select(r => r.Info.Title));
            Assert.Equal(plain.Unused.Select(u => u.ToString()), compiled.Unused.Select(u => u.ToString()));
            Assert.Equal(plain.Diagnostics, compiled.Diagnostics);
            Assert.Equal(plain.LiteralSearchSize, compiled.LiteralSearchSize);
        }
        Assert.Contains("invalid regex", second.Unused.Single().Reason, StringComparison.Ordinal);
        // the decoded products encode to the same bytes as freshly derived ones
        var payload = Encoded(set, Placeholders);
        Assert.Equal(payload, CompiledRuleCache.Encode(set, CompiledRuleCache.Decode(payload, set, Placeholders)));
        var hit = Sysmon1("Image=C:\\Windows\\System32\\whoami.exe", "CommandLine=whoami /priv");
        var miss = Sysmon1("Image=C:\\Windows\\System32\\whoami.exe", "CommandLine=whoami");
        foreach (var compiled in new[] { plain, second })
        {
            Assert.Single(MatchOne(compiled, hit));
            Assert.Empty(MatchOne(compiled, miss));
            Assert.Single(MatchOne(compiled, Sysmon1("CommandLine=x /encodedcommand y", "ParentImage=C:\\cmd.exe")));
            Assert.Single(MatchOne(compiled, Sysmon1("SourceIp=10.1.2.3", "DestinationPort=4444")));
            Assert.Empty(MatchOne(compiled, Sysmon1("SourceIp=11.1.2.3", "DestinationPort=4444")));
        }
    }

    /// <summary>A Sysmon process creation event (the rules' log source) with these fields.</summary>
    static EventFields Sysmon1(params string[] fields) =>
        RuleFixture.Event(["Channel=Microsoft-Windows-Sysmon/Operational", "EventID=1", .. fields]);

    static List<RuleHit> MatchOne(CompiledRuleSet set, EventFields e)
    {
        var hits = new List<RuleHit>();
        set.CreateMatcher().Match(e, hits);
        return hits;
    }

    [Fact]
    public void The_SigmaHQ_windows_rules_round_trip_exactly_and_match_the_corpus_alike()
    {
        var set = SigmaRuleSet.Load([SharedData.Path("sigma", "rules", "windows")], SigmaLoadOptions.Default with { CacheDirectory = Cache });
        var options = SigmaCompileOptions.Default;
        var payload = Encoded(set, options);
        var decoded = CompiledRuleCache.Decode(payload, set, options);
        Assert.True(decoded.Rules.Count > 1500 && decoded.Literals.Length > 10);
        // the needle texts are decoded when first read (writing the cache reads them), never by decoding
        Assert.All(decoded.Literals, l => Assert.False(Assert.IsType<LazyList<string>>(l.Needles).IsDecoded));
        Assert.Equal(payload, CompiledRuleCache.Encode(set, decoded));
        Assert.All(decoded.Literals, l => Assert.True(Assert.IsType<LazyList<string>>(l.Needles).IsDecoded));
        // regexes of the decoded rules are not built until they run
        Assert.All(Regexes(decoded.Rules), r => Assert.False(r.IsBuilt));

        var plain = SigmaCompiler.Compile(set);
        Compile(set, options);                 // writes the cache
        var cached = Compile(set, options);    // reads it
        // the automata are searched where they lie in the mapped file, not copied
        Assert.All(cached.LiteralSearches, l => Assert.True(l.Automaton.ReadInPlace));
        Assert.All(plain.LiteralSearches, l => Assert.False(l.Automaton.ReadInPlace));
        var (events, hits, differences) = Corpus.CorpusMatching.Compare(plain, cached, files: 400);
        Assert.Empty(differences);
        Assert.All(cached.LiteralSearches, l => Assert.False(Assert.IsType<LazyList<string>>(l.Needles).IsDecoded)); // a scan never reads them
        Assert.True(events > 10_000 && hits > 500, $"{events} events, {hits} hits");
        // a branch's tree is decoded when it first runs: matching the corpus needs some, not all
        var lazy = cached.Rules.SelectMany(r => r.Branches).Select(b => Assert.IsType<LazyMatcher>(b.Matcher)).ToList();
        Assert.InRange(lazy.Count(l => l.IsDecoded), 1, lazy.Count - 1);
        var built = Regexes(cached.Rules).Count(r => r.IsBuilt);
        Assert.InRange(built, 1, Regexes(cached.Rules).Count - 1); // some ran, not all
    }

    static List<RegexPredicate> Regexes(IEnumerable<CompiledRule> rules)
    {
        var found = new List<RegexPredicate>();
        void Visit(Matcher m)
        {
            switch (m)
            {
                case FieldMatcher f: Add(f.Predicates); break;
                case KeywordMatcher k: Add(k.Predicates); break;
                case LazyMatcher l: Visit(l.Inner); break;
                case AndMatcher a: foreach (var o in a.Operands) Visit(o); break;
                case OrMatcher o: foreach (var x in o.Operands) Visit(x); break;
                case NotMatcher n: Visit(n.Operand); break;
            }
        }
        void Add(ValuePredicate[] predicates)
        {
            foreach (var p in predicates)
                if ((p is GatedPredicate g ? g.Inner : p) is RegexPredicate r) found.Add(r);
        }
        foreach (var r in rules)
            foreach (var b in r.Branches) Visit(b.Matcher);
        return found;
    }

    [Fact]
    public void A_lazily_built_regex_is_built_once_however_many_threads_ask()
    {
        var predicate = new RegexPredicate(@"who(am)?i\s+/all", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        Assert.False(predicate.IsBuilt);
        var seen = new System.Collections.Concurrent.ConcurrentBag<System.Text.RegularExpressions.Regex>();
        Parallel.For(0, 64, _ => seen.Add(predicate.Regex));
        Assert.True(predicate.IsBuilt);
        Assert.Single(seen.Distinct());
        Assert.Matches(predicate.Regex, "WHOAMI /ALL");
    }

    [Fact]
    public void Other_options_an_edited_rule_or_another_map_do_not_use_the_cached_compile()
    {
        Compile(Load());
        Assert.Single(CompiledFiles);
        // other placeholder values: another key, another file, other results
        var other = SigmaCompileOptions.Default with
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Parents"] = ["winword.exe"] },
        };
        var e = Sysmon1("CommandLine=x -enc y", "ParentImage=C:\\winword.exe");
        Assert.Single(MatchOne(Compile(Load(), other), e));
        Assert.Empty(MatchOne(Compile(Load()), e));
        Assert.Equal(2, CompiledFiles.Length);
        // an edited rule: the rule set's content key changes
        var path = Path.Combine(Rules, "a.yml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("DestinationPort|gte: 1024", "DestinationPort|gte: 5000", StringComparison.Ordinal));
        var edited = Compile(Load());
        Assert.Empty(MatchOne(edited, Sysmon1("SourceIp=10.1.2.3", "DestinationPort=4444")));
        Assert.Equal(3, CompiledFiles.Length);
        // a rule set loaded without the parsed-rule cache, or another log source map: compiled as always, no file
        Directory.Delete(Cache, recursive: true);
        SigmaCompiler.Compile(SigmaRuleSet.Load([Rules]), null, Placeholders with { CacheDirectory = Cache });
        Assert.False(Directory.Exists(Cache) && CompiledFiles.Length > 0);
        SigmaCompiler.Compile(Load(), LogSourceMap.Default, Placeholders with { CacheDirectory = Cache });
        Assert.Empty(CompiledFiles);
    }

    [Fact]
    public async Task A_compile_read_ahead_while_the_rules_load_gives_what_compiling_gives()
    {
        var plain = SigmaCompiler.Compile(Load(), null, Placeholders);
        Compile(Load()); // writes the cache
        var file = Assert.Single(CompiledFiles);
        var written = File.GetLastWriteTimeUtc(file);
        var options = Placeholders with { CacheDirectory = Cache };
        var set = SigmaRuleSet.Load([Rules], SigmaLoadOptions.Default with { CacheDirectory = Cache, CompileAhead = options });
        var ahead = Assert.IsType<SigmaRuleSet.CompiledAhead>(set.Ahead);
        var staged = Assert.IsType<CompiledRuleCache.Staged>(await ahead.Staged);
        var compiled = SigmaCompiler.Compile(set, null, options);
        Assert.Same(staged.Literals, compiled.LiteralSearches); // the products read ahead, not read again
        Assert.Null(set.Ahead); // taken: joined to this compiled set only
        Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // read, not rewritten
        Assert.Equal(plain.Rules.Select(r => r.Info.Title), compiled.Rules.Select(r => r.Info.Title));
        Assert.Equal(plain.Unused.Select(u => u.ToString()), compiled.Unused.Select(u => u.ToString()));
        Assert.Equal(plain.Diagnostics, compiled.Diagnostics);
        Assert.Single(MatchOne(compiled, Sysmon1("Image=C:\\Windows\\System32\\whoami.exe", "CommandLine=whoami /priv")));
        Assert.Single(MatchOne(compiled, Sysmon1("CommandLine=x /encodedcommand y", "ParentImage=C:\\cmd.exe")));
    }

    [Fact]
    public async Task A_compile_read_ahead_for_other_options_is_dropped_and_unmapped()
    {
        var other = SigmaCompileOptions.Default with
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Parents"] = ["winword.exe"] },
            CacheDirectory = Cache,
        };
        Compile(Load(), other); // the cache of the other options exists
        var otherFile = Assert.Single(CompiledFiles);
        var set = SigmaRuleSet.Load([Rules], SigmaLoadOptions.Default with { CacheDirectory = Cache, CompileAhead = other });
        Assert.NotNull(await Assert.IsType<SigmaRuleSet.CompiledAhead>(set.Ahead).Staged);
        var compiled = Compile(set); // the test's own placeholders: not what was read ahead
        Assert.Single(MatchOne(compiled, Sysmon1("CommandLine=x -enc y", "ParentImage=C:\\cmd.exe")));
        Assert.Empty(MatchOne(compiled, Sysmon1("CommandLine=x -enc y", "ParentImage=C:\\winword.exe")));
        Assert.Equal(2, CompiledFiles.Length);
        if (OperatingSystem.IsLinux())
            Assert.DoesNotContain(File.ReadLines("/proc/self/maps"), l => l.Contains(otherFile, StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_compile_of_a_set_read_ahead_leaves_the_first_compiled_set_mapped()
    {
        var other = Placeholders with
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase) { ["Parents"] = ["winword.exe"] },
            CacheDirectory = Cache,
        };
        var options = Placeholders with { CacheDirectory = Cache };
        Compile(Load()); // writes the cache of the test's options
        var set = SigmaRuleSet.Load([Rules], SigmaLoadOptions.Default with { CacheDirectory = Cache, CompileAhead = options });
        var first = SigmaCompiler.Compile(set, null, options);
        var file = Assert.Single(CompiledFiles);
        SigmaCompiler.Compile(set, null, other);
        SigmaCompiler.Compile(set, null, options); // compiled again: read from the file, the read-ahead already taken
        if (OperatingSystem.IsLinux()) Assert.Contains(File.ReadLines("/proc/self/maps"), l => l.EndsWith(file, StringComparison.Ordinal));
        // the first set's automata and lazily decoded trees still read their mapped file
        Assert.Single(MatchOne(first, Sysmon1("Image=C:\\Windows\\System32\\whoami.exe", "CommandLine=whoami /priv")));
        Assert.Single(MatchOne(first, Sysmon1("CommandLine=x /encodedcommand y", "ParentImage=C:\\cmd.exe")));
    }

    [Fact]
    public void A_mapping_may_be_disposed_twice()
    {
        Compile(Load());
        var mapping = CacheMapping.Open(Assert.Single(CompiledFiles));
        mapping.Dispose();
        mapping.Dispose(); // the rejection paths of both caches may meet
    }

    [Fact]
    public void Products_that_name_rules_outside_the_rule_set_are_rejected()
    {
        var set = Load();
        var payload = Encoded(set, Placeholders);
        var fewer = new SigmaRuleSet([set.Rules.First()], [], 1);
        Assert.Throws<InvalidDataException>(() => CompiledRuleCache.Decode(payload, fewer, Placeholders));
        Assert.Equal(payload, CompiledRuleCache.Encode(set, CompiledRuleCache.Decode(payload, set, Placeholders)));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public void A_damaged_cache_is_ignored_and_rewritten(string damage)
    {
        var expected = SigmaCompiler.Compile(Load(), null, Placeholders);
        Compile(Load());
        var file = Assert.Single(CompiledFiles);
        var bytes = File.ReadAllBytes(file);
        bytes = damage switch
        {
            "flip" => [.. bytes[..(bytes.Length / 2)], (byte)(bytes[bytes.Length / 2] ^ 0x40), .. bytes[(bytes.Length / 2 + 1)..]],
            "truncate" => bytes[..(bytes.Length - 7)],
            _ => [.. bytes[..48], .. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))],
        };
        File.WriteAllBytes(file, bytes);
        var again = Compile(Load());
        Assert.NotEqual(bytes, File.ReadAllBytes(file)); // rewritten
        // the rejected file was unmapped when rejected, not left mapped until a collection (Windows could not replace it)
        if (OperatingSystem.IsLinux())
            Assert.DoesNotContain(File.ReadLines("/proc/self/maps"), l => l.Contains(file, StringComparison.Ordinal) && l.EndsWith("(deleted)", StringComparison.Ordinal));
        Assert.Equal(expected.Rules.Select(r => r.Info.Title), again.Rules.Select(r => r.Info.Title));
        Assert.Single(MatchOne(again, Sysmon1("Image=C:\\Windows\\System32\\whoami.exe", "CommandLine=whoami /all")));
    }

    [Fact]
    public void A_payload_that_passes_its_checksum_but_is_inconsistent_is_rejected()
    {
        var set = Load();
        var payload = Encoded(set, Placeholders);
        var random = new Random(7);
        var rejected = 0;
        var rejectedLate = 0;
        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])payload.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            CompiledRuleCache.Products products;
            try
            {
                products = CompiledRuleCache.Decode(damaged, set, Placeholders);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException or OverflowException
                or System.Text.DecoderFallbackException or IndexOutOfRangeException or InvalidCastException)
            {
                rejected++; // the exceptions TryRead treats as a damaged cache; anything else fails the test
                continue;
            }
            // the matcher trees are decoded when first run: damage found there stops the run with one kind of error
            foreach (var branch in products.Rules.SelectMany(r => r.Branches))
                try
                {
                    _ = Assert.IsType<LazyMatcher>(branch.Matcher).Inner;
                }
                catch (InvalidOperationException e) when (e.Message.Contains("compiled-rule cache is damaged", StringComparison.Ordinal))
                {
                    rejectedLate++;
                }
        }
        Assert.True(rejected > 0);
        Assert.True(rejectedLate > 0);
    }
}
