using System.IO.Hashing;
using System.Text;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// A cache of the compiled rules on disk, next to the parsed-rule cache: what <see cref="SigmaCompiler"/> derives from a
/// rule set before it indexes the rules and resolves correlations — the rules' branches and matcher trees (after literal
/// sharing and cost ordering), the rules that will not run and the compile diagnostics, the shared literal searches
/// (needles and automaton tables) and every branch's trigger. All of it is a deterministic function of the rule set
/// (known exactly by its parsed-rule cache content key), the compile options, the log source map and the build, which
/// together are the key; the file is named by the key. A hit skips modifiers, regex construction (regexes are built on
/// first use: <see cref="Matching.Predicates.RegexPredicate"/>), literal sharing, automaton construction, cost ordering
/// and triggers. A missing, damaged or mismatched file is ignored and rewritten (temporary file, then rename); the
/// payload carries its own checksum (XXH3). The decoded products are those the compiler builds, so matching and every output are
/// the same with and without the cache (<c>CompiledRuleCacheTests</c>).
/// </summary>
internal static partial class CompiledRuleCache
{
    const int FormatVersion = 9; // 9: the payload checksum is XXH3 (was CRC-32C); 8: needle texts sized (decoded when first read); 7: field names after the rules; 6: branch matchers sized (decoded when first run); 5: automaton tables read in place
    static readonly byte[] Magic = "HRCC"u8.ToArray();

    /// <summary>Compiled caches kept in the directory (the most recently written ones).</summary>
    internal const int KeptFiles = 8;

    /// <summary>What the compiler derives before indexing and correlations (see the type's summary).</summary>
    internal sealed record Products(
        List<CompiledRule> Rules,
        List<UnusedRule> Unused,
        List<SigmaDiagnostic> Diagnostics,
        LiteralSearch[] Literals,
        RuleTrigger?[][] Triggers)
    {
        /// <summary>The rules indexed by (channel, EventID), when built with the products (a cache read ahead builds it on its thread).</summary>
        public RuleIndex? Index { get; init; }
    }

    /// <summary>The index of the rules' branches by (channel, EventID), frozen.</summary>
    internal static RuleIndex IndexOf(IReadOnlyList<CompiledBranch>[] branches, RuleTrigger?[][] triggers)
    {
        var index = new RuleIndex();
        for (var r = 0; r < branches.Length; r++)
            for (var b = 0; b < branches[r].Count; b++)
                index.Add(r, branches[r][b], triggers[r][b]);
        index.Freeze();
        return index;
    }

    /// <summary>The key of compiling this rule set with these options and the shipped log source map, or null when the rule set has no content key.</summary>
    public static byte[]? Key(SigmaRuleSet ruleSet, SigmaCompileOptions options) => ruleSet.ContentKey is { } content ? Key(content, options) : null;

    /// <summary>The key of compiling the rule set whose parsed-rule cache content key is <paramref name="content"/>.</summary>
    public static byte[]? Key(byte[] content, SigmaCompileOptions options)
    {
        if (!BitConverter.IsLittleEndian) return null;
        var w = new CacheWriter();
        w.Int(FormatVersion);
        w.String(typeof(CompiledRuleCache).Module.ModuleVersionId.ToString());
        w.String(Convert.ToHexString(content));
        w.Long(options.RegexTimeout.Ticks);
        w.Bool(options.SharedLiteralSearch);
        w.Int(options.SharedLiteralMinNeedles);
        var placeholders = options.Placeholders.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        w.Int(placeholders.Count);
        foreach (var (name, values) in placeholders)
        {
            w.String(name);
            w.Int(values.Count);
            foreach (var v in values) w.String(v);
        }
        try
        {
            return XxHash128.Hash(w.Written);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
    }

    public static string FileFor(string directory, byte[] key) =>
        Path.Combine(directory, "sigma-" + Convert.ToHexStringLower(key)[..32] + ".compiled");

    /// <summary>The cached products for this key and rule set, or null when absent or damaged.</summary>
    public static Products? TryRead(string file, byte[] key, SigmaRuleSet ruleSet, SigmaCompileOptions options) =>
        TryStage(file, key, options) is { } staged ? TryJoin(staged, ruleSet) : null;

    /// <summary>
    /// The cached products for this key, not yet joined to their rule set (<see cref="TryJoin"/>), or null when absent or
    /// damaged: what can be decoded before the rule set has loaded.
    /// </summary>
    public static Staged? TryStage(string file, byte[] key, SigmaCompileOptions options)
    {
        CacheMapping? mapping = null;
        try
        {
            if ((mapping = CacheEnvelope.MapPayload(file, Magic, FormatVersion, key, out var start, out var length)) is null) return null;
            // the checksum is checked first: what is decoded is what was written (the automata's tables stay in the file)
            var reader = new CacheReader(mapping, start, length);
            var staged = new Decoder(reader, options).Read(mapping);
            if (reader.AtEnd) return staged;
        }
        catch (Exception e) when (CacheEnvelope.IsDamage(e))
        {
        }
        mapping?.Dispose(); // rejected, its products dropped: unmapped now, so that the file can be rewritten
        return null;
    }

    /// <summary>The staged products joined to <paramref name="ruleSet"/>, or null (and the file unmapped) when they do not fit it.</summary>
    public static Products? TryJoin(Staged staged, SigmaRuleSet ruleSet)
    {
        try
        {
            return staged.Join(ruleSet);
        }
        catch (InvalidDataException)
        {
            staged.Release();
            return null;
        }
    }

    /// <summary>The payload encoding of the products (tests compare encodings to check that a round trip loses nothing).</summary>
    internal static byte[] Encode(SigmaRuleSet ruleSet, Products products)
    {
        var w = new CacheWriter();
        new Encoder(w, ruleSet).Write(products);
        return w.Written.ToArray();
    }

    internal static Products Decode(byte[] payload, SigmaRuleSet ruleSet, SigmaCompileOptions options)
    {
        var reader = new CacheReader(payload);
        var staged = new Decoder(reader, options).Read(null);
        return reader.AtEnd ? staged.Join(ruleSet) : throw new InvalidDataException("compiled-rule cache: trailing bytes");
    }

    /// <summary>Writes the cache; a cache that cannot be written is only a missed speed-up, so failures are ignored.</summary>
    public static void TryWrite(string file, byte[] key, SigmaRuleSet ruleSet, Products products)
    {
        var w = new CacheWriter();
        try
        {
            new Encoder(w, ruleSet).Write(products);
        }
        catch (Exception e) when (e is EncoderFallbackException or NotSupportedException)
        {
            return; // a string that would not survive UTF-8, or a node the encoding does not know: no cache
        }
        CacheEnvelope.Write(file, Magic, FormatVersion, key, w.Written);
        CacheEnvelope.Prune(Path.GetDirectoryName(file)!, file, "sigma-*.compiled", KeptFiles);
    }
}
