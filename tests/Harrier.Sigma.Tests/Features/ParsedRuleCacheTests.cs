using Harrier.Sigma.Loading;
using Harrier.Sigma.Model;
using Harrier.Testing;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// The parsed-rule cache must give exactly what parsing gives, notice every edit, and survive damage by parsing again.
/// Results are compared through the cache's own encoding, which writes every field of the rule model.
/// </summary>
public sealed class ParsedRuleCacheTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "harrier-cache-test-" + Guid.NewGuid().ToString("N"));
    string Rules => Path.Combine(_dir, "rules");
    string Cache => Path.Combine(_dir, "cache");

    public ParsedRuleCacheTests()
    {
        Directory.CreateDirectory(Rules);
        File.WriteAllText(Path.Combine(Rules, "a.yml"), """
            title: Whoami
            id: 11111111-1111-1111-1111-111111111111
            status: test
            level: high
            tags: [attack.discovery]
            logsource:
                category: process_creation
                product: windows
            detection:
                sel:
                    Image|endswith: '\whoami.exe'
                    CommandLine|contains|all: ['/all', null]
                kw:
                    - 'x*y'
                    - 3
                condition: sel or 1 of kw*
            ---
            title: Many logons
            correlation:
                type: event_count
                rules: [11111111-1111-1111-1111-111111111111]
                group-by: [User]
                timespan: 5m
                condition:
                    gte: 10
            """);
        File.WriteAllText(Path.Combine(Rules, "b.yml"), "title: broken\nlogsource: [\n");
        File.WriteAllText(Path.Combine(Rules, "c.yml"), """
            title: Filter
            logsource:
                category: process_creation
                product: windows
            filter:
                rules: [11111111-1111-1111-1111-111111111111]
                selection:
                    User: admin
                condition: not selection
            """);
        foreach (var f in Directory.GetFiles(Rules)) Age(f);
    }

    /// <summary>Dates a file an hour back, out of the racy window (a cache then trusts its stat).</summary>
    static void Age(string file) => File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static byte[] Encoded(SigmaRuleSet set) =>
        ParsedRuleCache.Encode([(set.Documents.ToList(), set.Diagnostics.ToList())]);

    SigmaRuleSet Load(bool cached) => SigmaRuleSet.Load([Rules], SigmaLoadOptions.Default with { CacheDirectory = cached ? Cache : null });

    string CacheFile => Directory.GetFiles(Cache).Single();

    [Fact]
    public void A_cached_load_gives_what_parsing_gives()
    {
        var plain = Load(cached: false);
        Assert.Equal(3, plain.Documents.Count);
        Assert.NotEmpty(plain.Diagnostics);
        var first = Load(cached: true);   // miss: parses and writes the cache
        Assert.True(File.Exists(CacheFile));
        var written = File.GetLastWriteTimeUtc(CacheFile);
        var second = Load(cached: true);  // hit
        Assert.Equal(written, File.GetLastWriteTimeUtc(CacheFile));
        // a cached rule's detection is decoded when first used (encoding uses it)
        var rule = Assert.IsType<SigmaRule>(second.Documents[0]);
        Assert.False(rule.DetectionDecoded);
        Assert.Equal(Encoded(plain), Encoded(first));
        Assert.Equal(Encoded(plain), Encoded(second));
        Assert.True(rule.DetectionDecoded);
        Assert.Equal(["kw", "sel"], rule.Detection.Searches.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<SigmaCorrelation>(second.Documents[1]);
        Assert.Equal(plain.Diagnostics, second.Diagnostics);
    }

    [Fact]
    public void A_cached_load_decodes_from_the_mapped_file_which_its_rules_keep_mapped()
    {
        var plain = Encoded(Load(cached: false));
        Load(cached: true); // writes the cache
        var cached = Load(cached: true);
        var file = CacheFile;
        if (OperatingSystem.IsLinux()) Assert.Contains(File.ReadLines("/proc/self/maps"), l => l.EndsWith(file, StringComparison.Ordinal));
        // the file replaced under the loaded rules (as a rewrite replaces it): their detections and notes still decode
        // from the old one, which stays mapped
        if (!OperatingSystem.IsWindows()) // where a mapped file cannot be replaced
        {
            File.WriteAllBytes(file + ".new", new byte[new FileInfo(file).Length]); // other bytes under the same name
            File.Move(file + ".new", file, overwrite: true);
        }
        Assert.Equal(plain, Encoded(cached));
    }

    [Fact]
    public void A_cache_found_by_content_whose_payload_does_not_decode_is_parsed_again()
    {
        var plain = Encoded(Load(cached: false));
        Load(cached: true); // writes the cache
        var bytes = File.ReadAllBytes(CacheFile);
        const int Start = 8 + 2 * 16 + 8; // magic, version, both keys, payload length
        var length = bytes.Length - Start - 4;
        bytes.AsSpan(Start, 8).Fill(0xFF); // counts no decoder accepts, under a checksum that matches
        BitConverter.TryWriteBytes(bytes.AsSpan(Start + length), CacheChecksum.Of(bytes.AsSpan(Start, length)));
        File.WriteAllBytes(CacheFile, bytes);
        foreach (var f in Directory.GetFiles(Rules)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-2)); // found by content
        Assert.Equal(plain, Encoded(Load(cached: true)));
        Assert.Equal(plain, Encoded(Load(cached: true))); // rewritten
    }

    [Fact]
    public void A_rules_notes_come_from_the_cache_undecoded_and_read_as_parsed()
    {
        var file = Path.Combine(Rules, "d.yml");
        File.WriteAllText(file, """
            title: Noted
            description: What it finds, at length.
            author: Someone
            date: 2024-01-02
            references: [https://example.org/a, https://example.org/b]
            falsepositives: [Admins]
            fields: [CommandLine]
            logsource:
                product: windows
                service: security
            detection:
                sel:
                    EventID: 4624
                condition: sel
            """);
        Age(file);
        static SigmaRuleInfo Noted(SigmaRuleSet set) => set.Rules.Single(r => r.Info.Title == "Noted").Info;
        var plain = Noted(Load(cached: false));
        Load(cached: true); // writes the cache
        var cached = Noted(Load(cached: true));
        Assert.False(cached.NotesDecoded);
        var edited = cached with { Author = "Someone else" }; // a copy with one note changed keeps the others
        Assert.False(cached.NotesDecoded);
        Assert.Equal("Someone else", edited.Author);
        Assert.Equal(plain.Description, edited.Description);
        Assert.Equal("What it finds, at length.", cached.Description);
        Assert.True(cached.NotesDecoded);
        Assert.Equal(plain.Author, cached.Author);
        Assert.Equal(plain.Date, cached.Date);
        Assert.Equal(plain.References, cached.References);
        Assert.Equal(plain.FalsePositives, cached.FalsePositives);
        Assert.Equal(plain.Fields, cached.Fields);
        Assert.Equal("Someone", cached.Author); // the copy's edit did not reach the original
        Assert.Equal(cached, cached with { });
        Assert.NotEqual(cached, edited);
    }

    [Fact]
    public void An_edited_rule_is_parsed_again()
    {
        Load(cached: true);
        var path = Path.Combine(Rules, "a.yml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: Whoami", "title: Whoami edited", StringComparison.Ordinal));
        Age(path); // another size, another time
        var after = Load(cached: true);
        Assert.Equal("Whoami edited", after.Documents[0].Info.Title);
        Assert.Equal(Encoded(Load(cached: false)), Encoded(after));
    }

    [Fact]
    public void A_new_or_removed_rule_file_is_noticed()
    {
        Load(cached: true);
        File.Copy(Path.Combine(Rules, "c.yml"), Path.Combine(Rules, "d.yml"));
        Age(Path.Combine(Rules, "d.yml"));
        Assert.Equal(4, Load(cached: true).Documents.Count);
        File.Delete(Path.Combine(Rules, "a.yml"));
        Assert.Equal(Encoded(Load(cached: false)), Encoded(Load(cached: true)));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("garbage")]
    public void A_damaged_cache_is_ignored_and_rewritten(string damage)
    {
        var plain = Encoded(Load(cached: false));
        Load(cached: true);
        var bytes = File.ReadAllBytes(CacheFile);
        bytes = damage switch
        {
            "flip" => [.. bytes[..(bytes.Length / 2)], (byte)(bytes[bytes.Length / 2] ^ 0x40), .. bytes[(bytes.Length / 2 + 1)..]],
            "truncate" => bytes[..(bytes.Length - 7)],
            "empty" => [],
            _ => [.. "HRPC"u8, .. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))],
        };
        File.WriteAllBytes(CacheFile, bytes);
        Assert.Equal(plain, Encoded(Load(cached: true)));
        Assert.NotEqual(bytes, File.ReadAllBytes(CacheFile)); // rewritten
        // the rejected file was unmapped when rejected, not left mapped until a collection (Windows could not replace it)
        if (OperatingSystem.IsLinux())
            Assert.DoesNotContain(File.ReadLines("/proc/self/maps"), l => l.Contains(CacheFile, StringComparison.Ordinal) && l.EndsWith("(deleted)", StringComparison.Ordinal));
        Assert.Equal(plain, Encoded(Load(cached: true)));
    }

    /// <summary>Replaces "Whoami" in a.yml by a text of the same length, keeping or setting its modification time.</summary>
    string EditSameSize(string replacement, DateTime? time = null)
    {
        var path = Path.Combine(Rules, "a.yml");
        var before = File.GetLastWriteTimeUtc(path);
        var size = new FileInfo(path).Length;
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: Whoami\n", "title: " + replacement + "\n", StringComparison.Ordinal));
        Assert.Equal(size, new FileInfo(path).Length);
        File.SetLastWriteTimeUtc(path, time ?? before);
        return path;
    }

    [Fact]
    public void A_file_with_the_same_path_size_and_time_is_not_read_again()
    {
        Load(cached: true);
        var written = File.GetLastWriteTimeUtc(CacheFile);
        // the stat key alone decides: an edit that keeps size and time is not seen (as with ccache's direct mode,
        // Python's .pyc); --no-cache, or any change of size or time, parses again
        EditSameSize("Wxoami");
        Assert.Equal("Whoami", Load(cached: true).Documents[0].Info.Title);
        Assert.Equal(written, File.GetLastWriteTimeUtc(CacheFile));
        Assert.Equal("Wxoami", Load(cached: false).Documents[0].Info.Title);
    }

    [Fact]
    public void A_rule_changed_without_changing_its_size_is_parsed_again()
    {
        Load(cached: true);
        var path = EditSameSize("Wxoami", DateTime.UtcNow.AddMinutes(-30)); // same size, another time
        Assert.Equal("Wxoami", Load(cached: true).Documents[0].Info.Title);
        Assert.Equal(Encoded(Load(cached: false)), Encoded(Load(cached: true)));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_touched_but_unchanged_rule_is_checked_by_content_then_trusted_by_stat_again()
    {
        var plain = Encoded(Load(cached: false));
        Load(cached: true);
        var header = File.ReadAllBytes(CacheFile)[..40];
        File.SetLastWriteTimeUtc(Path.Combine(Rules, "b.yml"), DateTime.UtcNow.AddMinutes(-10)); // a checkout, a copy
        Assert.Equal(plain, Encoded(Load(cached: true)));   // the content key matched: the cached results, and
        var rewritten = File.ReadAllBytes(CacheFile);
        Assert.NotEqual(header, rewritten[..40]);           // the cache now carries the new stat key
        var written = File.GetLastWriteTimeUtc(CacheFile);
        Assert.Equal(plain, Encoded(Load(cached: true)));   // a stat hit: not rewritten
        Assert.Equal(written, File.GetLastWriteTimeUtc(CacheFile));
        Assert.Equal(rewritten, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void A_file_modified_just_before_the_cache_was_written_is_compared_by_content()
    {
        var path = Path.Combine(Rules, "a.yml");
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(path, now); // within the racy window: a later edit in the same tick could keep size and time
        Load(cached: true);
        Assert.True(File.ReadAllBytes(CacheFile).AsSpan(8, ParsedRuleCache.KeyLength).IndexOfAnyExcept((byte)0) < 0); // no stat key stored
        EditSameSize("Wxoami", now);
        Assert.Equal("Wxoami", Load(cached: true).Documents[0].Info.Title);
    }

    [Fact]
    public void Rule_texts_are_cached_with_the_files_and_an_edited_text_is_parsed_again()
    {
        SigmaRuleText[] texts = [new("builtin:x.yml", "title: Embedded\nlogsource: {product: windows}\ndetection: {s: {EventID: 1}, condition: s}\n")];
        var options = SigmaLoadOptions.Default with { CacheDirectory = Cache };
        var plain = SigmaRuleSet.Load(texts, [Rules, Path.Combine(_dir, "missing")]);
        var first = SigmaRuleSet.Load(texts, [Rules, Path.Combine(_dir, "missing")], options);
        var written = File.GetLastWriteTimeUtc(CacheFile);
        var second = SigmaRuleSet.Load(texts, [Rules, Path.Combine(_dir, "missing")], options);
        Assert.Equal(written, File.GetLastWriteTimeUtc(CacheFile));
        Assert.Equal(4, plain.FileCount);
        Assert.Equal("Embedded", second.Documents[0].Info.Title);
        Assert.Equal("builtin:x.yml", second.Documents[0].Info.Path);
        Assert.Equal(Encoded(plain), Encoded(first));
        Assert.Equal(Encoded(plain), Encoded(second));
        Assert.Equal(plain.Diagnostics, second.Diagnostics);
        Assert.Contains(second.Diagnostics, d => d.Reason == "no such file or directory");
        SigmaRuleText[] edited = [texts[0] with { Yaml = texts[0].Yaml.Replace("Embedded", "Embedded 2", StringComparison.Ordinal) }];
        Assert.Equal("Embedded 2", SigmaRuleSet.Load(edited, [Rules, Path.Combine(_dir, "missing")], options).Documents[0].Info.Title);
    }

    [Fact]
    public void A_directory_yields_the_files_each_pattern_finds_once_each_in_path_order()
    {
        var dir = Path.Combine(_dir, "walk");
        foreach (var name in new[] { "b.yml", "a.yaml", "c.YML", "d.txt", "e.yml.bak", ".hidden.yml", "sub/f.yml", "sub/deeper/g.yaml", "sub.yml/h.yml" })
        {
            var file = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "title: t\nlogsource: {product: windows}\ndetection: {sel: {a: b}, condition: sel}\n");
        }
        var expected = SigmaLoadOptions.Default.Patterns.SelectMany(p => Directory.EnumerateFiles(dir, p, SearchOption.AllDirectories))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var set = SigmaRuleSet.Load([dir], SigmaLoadOptions.Default with { CacheDirectory = Cache });
        Assert.Equal(expected, set.Documents.Select(d => d.Info.Path));
        Assert.Contains(Path.Combine(dir, ".hidden.yml"), expected);
        Assert.Contains(Path.Combine(dir, "sub.yml", "h.yml"), expected); // a directory named like a rule is walked, not loaded
        Assert.DoesNotContain(expected, f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".bak", StringComparison.Ordinal));
        // the stat key from the walk is the one a stat of each file gives: a second load is a hit that rewrites nothing
        var written = File.GetLastWriteTimeUtc(Directory.GetFiles(Cache).Single());
        foreach (var f in expected) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-1));
        SigmaRuleSet.Load([dir], SigmaLoadOptions.Default with { CacheDirectory = Cache });
        var rewritten = File.GetLastWriteTimeUtc(Directory.GetFiles(Cache).Single());
        Assert.NotEqual(written, rewritten); // touched: found by content, rewritten with the new stat key
        SigmaRuleSet.Load([dir], SigmaLoadOptions.Default with { CacheDirectory = Cache });
        Assert.Equal(rewritten, File.GetLastWriteTimeUtc(Directory.GetFiles(Cache).Single())); // trusted by stat now
    }

    [Fact]
    public void Two_spellings_of_one_directory_keep_a_cache_each_instead_of_overwriting_one()
    {
        var options = SigmaLoadOptions.Default with { CacheDirectory = Cache };
        string[] spellings = [Rules, Path.Combine(Rules, "..", "rules")]; // one full path
        var first = spellings.Select(p => SigmaRuleSet.Load([p], options)).ToArray();
        Assert.Equal(2, Directory.GetFiles(Cache, "sigma-*.cache").Length);
        var written = Directory.GetFiles(Cache).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = spellings.Select(p => SigmaRuleSet.Load([p], options)).ToArray();
        Assert.All(written, w => Assert.Equal(w.Value, File.GetLastWriteTimeUtc(w.Key))); // both read, neither rewritten
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(Encoded(first[i]), Encoded(again[i]));
            Assert.StartsWith(spellings[i], again[i].Documents[0].Info.Path, StringComparison.Ordinal); // paths as written
        }
    }

    [Fact]
    public void Other_rule_lists_get_their_own_cache_files_and_old_ones_are_pruned()
    {
        Load(cached: true);
        var options = SigmaLoadOptions.Default with { CacheDirectory = Cache };
        var files = Directory.GetFiles(Rules).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < ParsedRuleCache.KeptFiles + 3; i++)
        {
            SigmaRuleSet.Load(i % 2 == 0 ? [files[0], Rules + "/" + i] : [files[1], Rules + "/" + i], options);
            Thread.Sleep(20); // distinct write times
        }
        Assert.Equal(ParsedRuleCache.KeptFiles, Directory.GetFiles(Cache, "sigma-*.cache").Length);
        Assert.Empty(Directory.GetFiles(Cache, "*.tmp"));
    }

    [Fact]
    public void The_SigmaHQ_windows_rules_round_trip_exactly()
    {
        var set = SigmaRuleSet.Load([SharedData.Path("sigma", "rules", "windows")]);
        var payload = ParsedRuleCache.Encode([(set.Documents.ToList(), set.Diagnostics.ToList())]);
        var decoded = ParsedRuleCache.Decode(payload);
        Assert.Equal(set.Documents.Count, decoded[0].Docs.Count);
        Assert.True(set.Documents.Count > 2000);
        Assert.Equal(payload, ParsedRuleCache.Encode(decoded));
    }
}
