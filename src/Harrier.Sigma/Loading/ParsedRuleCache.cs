using System.Security.Cryptography;
using System.Text;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Loading;

/// <summary>
/// A cache of parsed rule files on disk, so a run does not parse the same 2,400 YAML files again. One cache file per
/// list of rule paths (named by a hash of the paths), holding the parse results of every file (documents and
/// diagnostics, in file order) under a key: a SHA-256 over this format's version, the parser build (module version
/// id of Harrier.Sigma) and every file's path and bytes. A run reads all rule files and hashes them (a few tens of
/// milliseconds); only when the key matches, and the payload's own SHA-256 checks, are the results taken from the cache.
/// Any other case — no cache, a rule edited, added or removed, another build, a truncated or corrupt file, a read
/// error — parses the files as without a cache and rewrites the cache (atomically: temporary file, then rename). The
/// results are the same documents and diagnostics in the same order either way, so every output is the same.
/// </summary>
internal static partial class ParsedRuleCache
{
    const int FormatVersion = 1;
    static readonly byte[] Magic = "HRPC"u8.ToArray();
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The cache file for this list of rule files and directories.</summary>
    public static string FileFor(string directory, IEnumerable<string> paths)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', paths.Select(Path.GetFullPath)))))[..32];
        return Path.Combine(directory, "sigma-" + name + ".cache");
    }

    /// <summary>Where a user's caches go: <c>$XDG_CACHE_HOME/harrier</c>, else <c>~/.cache/harrier</c>; null when neither is known.</summary>
    public static string? DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "harrier");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "harrier");
    }

    /// <summary>The key of these files' current contents, or null when one cannot be read (then no cache is used).</summary>
    public static byte[]? Key(IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        BitConverter.TryWriteBytes(number, FormatVersion);
        hash.AppendData(number[..4]);
        hash.AppendData(typeof(ParsedRuleCache).Module.ModuleVersionId.ToByteArray());
        foreach (var file in files)
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
            var path = Encoding.UTF8.GetBytes(file);
            BitConverter.TryWriteBytes(number, (long)path.Length);
            hash.AppendData(number);
            hash.AppendData(path);
            BitConverter.TryWriteBytes(number, (long)bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The cached results for <paramref name="key"/> (one entry per file), or null when absent, stale or damaged.</summary>
    public static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[]? TryRead(string cacheFile, byte[] key, int fileCount)
    {
        try
        {
            if (!File.Exists(cacheFile)) return null;
            var data = File.ReadAllBytes(cacheFile);
            var headerLength = Magic.Length + 4 + key.Length + 8;
            if (data.Length < headerLength + 32 || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
            if (BitConverter.ToInt32(data, Magic.Length) != FormatVersion) return null;
            if (!data.AsSpan(Magic.Length + 4, key.Length).SequenceEqual(key)) return null;
            var payloadLength = BitConverter.ToInt64(data, Magic.Length + 4 + key.Length);
            if (payloadLength < 0 || payloadLength != data.Length - headerLength - 32) return null;
            var payload = data.AsSpan(headerLength, (int)payloadLength);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(data.AsSpan(headerLength + (int)payloadLength, 32))) return null;
            using var reader = new BinaryReader(new MemoryStream(data, headerLength, (int)payloadLength, writable: false), StrictUtf8);
            var results = ReadResults(reader);
            return results.Length == fileCount && reader.BaseStream.Position == payloadLength ? results : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException
            or ArgumentException or InvalidDataException or OverflowException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Writes the cache; a cache that cannot be written is only a missed speed-up, so failures are ignored.</summary>
    public static void TryWrite(string cacheFile, byte[] key, (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] results)
    {
        var temp = cacheFile + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            var payload = new MemoryStream();
            // strict UTF-8: a string that would not survive the round trip (a lone surrogate) throws, and nothing is cached
            using (var writer = new BinaryWriter(payload, StrictUtf8, leaveOpen: true)) WriteResults(writer, results);
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Magic);
                file.Write(BitConverter.GetBytes(FormatVersion));
                file.Write(key);
                file.Write(BitConverter.GetBytes(payload.Length));
                file.Write(payload.GetBuffer().AsSpan(0, (int)payload.Length));
                file.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
            }
            File.Move(temp, cacheFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EncoderFallbackException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception d) when (d is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
