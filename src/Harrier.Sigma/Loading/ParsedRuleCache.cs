using System.Runtime.InteropServices;
using System.IO.Hashing;
using System.Text;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Loading;

/// <summary>
/// A cache of parsed rule files on disk, so a run does not parse the same 2,400 YAML files again. One cache file per
/// list of rule paths and build (named by a hash of both), holding the parse results of every source (documents and
/// diagnostics, in source order) under two keys, both 128-bit XXH3 hashes over this format's version, the parser build (module
/// version id of Harrier.Sigma) and every rule text's name and content:
/// <list type="bullet">
/// <item>the <b>stat key</b> adds every file's path, size and modification time — one <c>stat</c> per file, no reads
/// (as ccache's direct mode and Python's .pyc files do);</item>
/// <item>the <b>content key</b> adds every file's path and bytes.</item>
/// </list>
/// A run computes the stat key; when it matches, the files are not read at all. When it does not (a file touched,
/// checked out again, copied), the content key is computed and compared; if that matches, the results are used and the
/// cache is rewritten with the new stat key. A file modified less than <see cref="RacyWindow"/> before the cache is
/// written might change again within its time stamp's resolution, so then no stat key is stored (the next run compares
/// contents). Only when a key matches, and the payload's own checksum (XXH3) checks, are the results taken from the cache. Any
/// other case — no cache, a rule edited, added or removed, another build, a truncated or corrupt file, a read error —
/// parses the sources as without a cache and rewrites the cache (atomically: temporary file, then rename). The results
/// are the same documents and diagnostics in the same order either way, so every output is the same.
/// </summary>
internal static partial class ParsedRuleCache
{
    // 8: the payload checksum is XXH3 (was CRC-32C); 7: a rule's notes (description, references, …) are sized, and decoded when first read; 6: a rule's detection is sized, and decoded when first used; 5: keys are XXH3-128 (were SHA-256, whose native
    // library took ≈ 15 ms to load at every run)
    const int FormatVersion = 8;
    internal const int KeyLength = 16;

    /// <summary>Cache files of other rule lists and builds kept in the directory (the most recently written ones).</summary>
    internal const int KeptFiles = 8;

    /// <summary>Files modified this recently when the cache is written are not trusted by their stat alone.</summary>
    internal static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    static readonly byte[] Magic = "HRPC"u8.ToArray();
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What is loaded: rule texts, then files, in this order.</summary>
    internal sealed record Sources(IReadOnlyList<SigmaRuleText> Texts, IReadOnlyList<string> Files)
    {
        public int Count => Texts.Count + Files.Count;

        /// <summary>Per file, its size and modification time when a directory walk read them (else null: stat'ed by path).</summary>
        public IReadOnlyList<FileStat?>? Stats { get; init; }
    }

    /// <summary>A file's size and modification time (UTC).</summary>
    internal readonly record struct FileStat(long Length, DateTime Written);

    /// <summary>The stat key, and the newest modification time among the files (for the racy check).</summary>
    internal sealed record StatKey(byte[] Key, DateTime NewestWrite);

    /// <summary>
    /// The cache file for this list of rule texts, files and directories, for this build. Paths count as written and as
    /// full paths: the cached rules carry their paths as written, so <c>../sigma</c> and <c>/cases/sigma</c> keep a cache
    /// each instead of taking turns to overwrite one.
    /// </summary>
    public static string FileFor(string directory, IEnumerable<string> paths, IEnumerable<SigmaRuleText> texts)
    {
        var names = string.Join('\n', [Build.ToString(), .. texts.Select(t => t.Name), "", .. paths.SelectMany(p => new[] { p, Path.GetFullPath(p) })]);
        var name = Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(names)));
        return Path.Combine(directory, "sigma-" + name + ".cache");
    }

    static Guid Build => typeof(ParsedRuleCache).Module.ModuleVersionId;

    /// <summary>Where a user's caches go: <c>$XDG_CACHE_HOME/harrier</c>, else <c>~/.cache/harrier</c>; null when neither is known.</summary>
    public static string? DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "harrier");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "harrier");
    }

    /// <summary>The stat key of the sources, or null when a file cannot be found (then no cache is used).</summary>
    public static StatKey? Stat(Sources sources)
    {
        var hash = StartKey(sources.Texts);
        var newest = DateTime.MinValue;
        for (var i = 0; i < sources.Files.Count; i++)
        {
            var file = sources.Files[i];
            long length;
            DateTime written;
            if (sources.Stats?[i] is { } known) (length, written) = known;
            else
                try
                {
                    var info = new FileInfo(file);
                    if (!info.Exists) return null;
                    length = info.Length;
                    written = info.LastWriteTimeUtc;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return null;
                }
            if (written > newest) newest = written;
            AppendSized(hash, Encoding.UTF8.GetBytes(file));
            AppendNumber(hash, length);
            AppendNumber(hash, written.Ticks);
        }
        return new StatKey(hash.GetHashAndReset(), newest);
    }

    /// <summary>The content key of the sources, or null when a file cannot be read (then no cache is used).</summary>
    public static byte[]? Content(Sources sources)
    {
        var hash = StartKey(sources.Texts);
        foreach (var file in sources.Files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            AppendSized(hash, Encoding.UTF8.GetBytes(file));
            AppendSized(hash, bytes);
        }
        return hash.GetHashAndReset();
    }

    static XxHash128 StartKey(IReadOnlyList<SigmaRuleText> texts)
    {
        var hash = new XxHash128();
        AppendNumber(hash, FormatVersion);
        hash.Append(Build.ToByteArray());
        AppendNumber(hash, texts.Count);
        foreach (var text in texts)
        {
            AppendSized(hash, Encoding.UTF8.GetBytes(text.Name));
            AppendSized(hash, MemoryMarshal.AsBytes(text.Yaml.AsSpan()));
        }
        return hash;
    }

    static void AppendNumber(XxHash128 hash, long value)
    {
        Span<byte> number = stackalloc byte[8];
        BitConverter.TryWriteBytes(number, value);
        hash.Append(number);
    }

    static void AppendSized(XxHash128 hash, ReadOnlySpan<byte> bytes)
    {
        AppendNumber(hash, bytes.Length);
        hash.Append(bytes);
    }

    /// <summary>
    /// The cached results for these sources (one entry per source), or null when absent, stale or damaged. A cache found
    /// by its content key alone is rewritten with the current stat key, so the next run needs only the stats.
    /// </summary>
    /// <param name="contentKey">The content key when known: stored with a matching stat key, or computed (else null).</param>
    /// <param name="contentKnown">Called with the content key once it is known to match, before the results are decoded.</param>
    public static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[]? TryRead(string cacheFile, Sources sources, StatKey stat, out byte[]? contentKey,
        Action<byte[]>? contentKnown = null)
    {
        contentKey = null;
        Compilation.CacheMapping? mapping = null;
        try
        {
            // mapped, not read: the documents are decoded from the page cache's pages (a copy costs a fault per 4 KiB)
            if ((mapping = CacheEnvelope.Map(cacheFile, Magic, FormatVersion, 2 * KeyLength, out var start, out var length)) is null) return null;
            var storedStat = mapping.Bytes(8, KeyLength);
            var storedContent = mapping.Bytes(8 + KeyLength, KeyLength);
            var statHit = storedStat.SequenceEqual(stat.Key);
            if (!statHit)
            {
                contentKey = Content(sources);
                if (contentKey is null || !storedContent.SequenceEqual(contentKey)) return Reject(mapping);
            }
            contentKnown?.Invoke(contentKey ?? storedContent.ToArray()); // the key is right whatever the payload holds
            if (!CacheEnvelope.PayloadChecks(mapping, start, length)) return Reject(mapping);
            (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] results;
            if (statHit)
            {
                using var reader = PayloadReader.Of(mapping, start, length);
                results = ReadResults(reader);
                if (results.Length != sources.Count || reader.BaseStream.Position != length) return Reject(mapping);
                contentKey = storedContent.ToArray();
                return results;
            }
            // found by content: the file is rewritten with the new stat key, so the documents are decoded from a copy
            // (a mapped file cannot be replaced on Windows)
            var payload = mapping.Bytes(start, length).ToArray();
            mapping.Dispose();
            mapping = null;
            using (var reader = PayloadReader.Of(payload))
            {
                results = ReadResults(reader);
                if (results.Length != sources.Count || reader.BaseStream.Position != length) return null;
            }
            Write(cacheFile, StoredStat(stat), contentKey!, payload);
            return results;
        }
        catch (Exception e) when (CacheEnvelope.IsDamage(e))
        {
            return Reject(mapping);
        }

        // nothing decoded from the file is kept: unmapped now, so that it can be rewritten
        static (List<SigmaDocument>, List<SigmaDiagnostic>)[]? Reject(Compilation.CacheMapping? mapping)
        {
            mapping?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Writes the cache; a cache that cannot be written is only a missed speed-up, so failures are ignored. Both keys
    /// must have been computed before the sources were parsed: a file changed in between then fails both next time.
    /// </summary>
    public static void TryWrite(string cacheFile, StatKey stat, byte[] contentKey, (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] results)
    {
        var payload = new MemoryStream();
        try
        {
            // strict UTF-8: a string that would not survive the round trip (a lone surrogate) throws, and nothing is cached
            using (var writer = new BinaryWriter(payload, StrictUtf8, leaveOpen: true)) WriteResults(writer, results);
        }
        catch (EncoderFallbackException)
        {
            return;
        }
        Write(cacheFile, StoredStat(stat), contentKey, payload.GetBuffer().AsSpan(0, (int)payload.Length));
        CacheEnvelope.Prune(Path.GetDirectoryName(cacheFile)!, cacheFile, "sigma-*.cache", KeptFiles);
    }

    /// <summary>The stat key to store: none (zeros, which no key equals) when a file was modified within the racy window.</summary>
    static byte[] StoredStat(StatKey stat) =>
        stat.NewestWrite > DateTime.UtcNow - RacyWindow ? new byte[KeyLength] : stat.Key;

    static void Write(string cacheFile, byte[] statKey, byte[] contentKey, ReadOnlySpan<byte> payload) =>
        CacheEnvelope.Write(cacheFile, Magic, FormatVersion, [.. statKey, .. contentKey], payload);
}
