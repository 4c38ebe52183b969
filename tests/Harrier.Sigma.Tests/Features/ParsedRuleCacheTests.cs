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
    }

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
        Assert.Equal(Encoded(plain), Encoded(first));
        Assert.Equal(Encoded(plain), Encoded(second));
        Assert.IsType<SigmaCorrelation>(second.Documents[1]);
        Assert.Equal(plain.Diagnostics, second.Diagnostics);
    }

    [Fact]
    public void An_edited_rule_is_parsed_again()
    {
        Load(cached: true);
        var path = Path.Combine(Rules, "a.yml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: Whoami", "title: Whoami edited", StringComparison.Ordinal));
        var after = Load(cached: true);
        Assert.Equal("Whoami edited", after.Documents[0].Info.Title);
        Assert.Equal(Encoded(Load(cached: false)), Encoded(after));
    }

    [Fact]
    public void A_new_or_removed_rule_file_is_noticed()
    {
        Load(cached: true);
        File.Copy(Path.Combine(Rules, "c.yml"), Path.Combine(Rules, "d.yml"));
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
        Assert.Equal(plain, Encoded(Load(cached: true)));
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
