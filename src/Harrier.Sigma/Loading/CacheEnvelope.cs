
namespace Harrier.Sigma.Loading;

/// <summary>
/// The file layout both rule caches share: a 4-byte magic, a format version, the cache's keys, the payload's length,
/// the payload and its checksum (<see cref="CacheChecksum"/>: damage detection only; the keys, which decide what a cache is
/// for, are XXH3-128 hashes). Written atomically (temporary file, then rename: concurrent runs see an old or a new
/// file, never half of one), and pruned to the most recently written few of a kind.
/// </summary>
internal static class CacheEnvelope
{
    const int ChecksumLength = 4;

    /// <summary>
    /// What decoding a cache's payload throws when the payload is not what the format says (a damaged file that passed
    /// its checksum): the cache is then ignored and rewritten, or, for a part decoded when first read, the run stops
    /// (<see cref="Damaged"/>).
    /// </summary>
    public static bool IsDamage(Exception e) => e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException
        or FormatException or OverflowException or System.Text.DecoderFallbackException or IndexOutOfRangeException or InvalidCastException;

    /// <summary>
    /// The error that stops a run when a part of a cache decoded when first read (a matcher tree, needle texts, a rule's
    /// detection or notes) turns out damaged: the payload passed its checksum, so only a file crafted to pass it gets here.
    /// </summary>
    public static InvalidOperationException Damaged(string cache, Exception e) =>
        new($"the {cache} cache is damaged ({e.Message}); run again with --no-cache", e);

    /// <summary>
    /// Maps the file when its magic, version, <paramref name="key"/>, length and payload checksum agree, else null; the
    /// payload is the <paramref name="length"/> bytes at <paramref name="start"/>.
    /// </summary>
    public static Compilation.CacheMapping? MapPayload(string file, ReadOnlySpan<byte> magic, int version, ReadOnlySpan<byte> key, out long start, out int length)
    {
        var mapping = Map(file, magic, version, key.Length, out start, out length);
        if (mapping is null) return null;
        if (mapping.Bytes(8, key.Length).SequenceEqual(key) && PayloadChecks(mapping, start, length)) return mapping;
        mapping.Dispose(); // rejected: unmapped now, so that the file can be replaced
        return null;
    }

    /// <summary>
    /// Maps the file when its magic, version and length agree (its keys, at offset 8, and its checksum are checked by the
    /// caller: <see cref="PayloadChecks"/>), else null.
    /// </summary>
    public static Compilation.CacheMapping? Map(string file, ReadOnlySpan<byte> magic, int version, int keyLength, out long start, out int length)
    {
        start = 8 + keyLength + 8;
        length = 0;
        if (!File.Exists(file)) return null;
        var mapping = Compilation.CacheMapping.Open(file);
        if (mapping.Length >= start + ChecksumLength && HeadMatches(mapping.Bytes(0, (int)start), mapping.Length, magic, version, keyLength, out length)) return mapping;
        mapping.Dispose();
        return null;
    }

    /// <summary>Whether the payload of a file mapped by <see cref="Map"/> checks against its checksum.</summary>
    public static bool PayloadChecks(Compilation.CacheMapping mapping, long start, int length) =>
        ChecksumMatches(mapping.Bytes(start, length + ChecksumLength));

    /// <summary>
    /// Whether a file of <paramref name="fileLength"/> bytes starting with <paramref name="head"/> (at least the magic,
    /// version, keys and payload length) has this magic and version and the payload length that fills it.
    /// </summary>
    static bool HeadMatches(ReadOnlySpan<byte> head, long fileLength, ReadOnlySpan<byte> magic, int version, int keyLength, out int length)
    {
        length = 0;
        var start = 8 + keyLength + 8;
        if (fileLength < start + ChecksumLength || !head[..4].SequenceEqual(magic) || BitConverter.ToInt32(head[4..8]) != version) return false;
        var stored = BitConverter.ToInt64(head[(start - 8)..start]);
        if (stored < 0 || stored != fileLength - start - ChecksumLength || stored > int.MaxValue) return false;
        length = (int)stored;
        return true;
    }

    /// <summary>Whether a payload followed by its checksum (<paramref name="payloadAndChecksum"/>) checks.</summary>
    static bool ChecksumMatches(ReadOnlySpan<byte> payloadAndChecksum) =>
        CacheChecksum.Of(payloadAndChecksum[..^ChecksumLength]) == BitConverter.ToUInt32(payloadAndChecksum[^ChecksumLength..]);

    /// <summary>Writes the file; a cache that cannot be written is only a missed speed-up, so failures are ignored.</summary>
    public static void Write(string file, ReadOnlySpan<byte> magic, int version, ReadOnlySpan<byte> keys, ReadOnlySpan<byte> payload)
    {
        var temp = file + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(magic);
                stream.Write(BitConverter.GetBytes(version));
                stream.Write(keys);
                stream.Write(BitConverter.GetBytes((long)payload.Length));
                stream.Write(payload);
                stream.Write(BitConverter.GetBytes(CacheChecksum.Of(payload)));
            }
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
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

    /// <summary>Deletes all but the <paramref name="kept"/> most recently written files of the pattern (other builds, other rule lists).</summary>
    public static void Prune(string directory, string keep, string pattern, int kept)
    {
        try
        {
            var old = new DirectoryInfo(directory).GetFiles(pattern)
                .Where(f => f.FullName != Path.GetFullPath(keep))
                .OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Skip(kept - 1);
            foreach (var f in old) f.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
