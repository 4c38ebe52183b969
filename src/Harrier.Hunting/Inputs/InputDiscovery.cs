using System.IO.Compression;
using Harrier.Hunting.Scanning;

namespace Harrier.Hunting.Inputs;

/// <summary>
/// Turns the command line's PATHs into the files to scan: files as given, directories recursively (files
/// with a log extension), and the members of .zip packages. What cannot be scanned (missing path, not a log,
/// zip member over the limits) is reported as an unreadable <see cref="FileReconciliation"/>, never dropped.
/// </summary>
public static class InputDiscovery
{
    static readonly string[] LogExtensions = [".evtx", ".json", ".jsonl", ".ndjson", ".gz", ".zip"];

    public static (IReadOnlyList<InputFile> Files, IReadOnlyList<FileReconciliation> Unreadable) Find(
        IEnumerable<string> paths, ZipLimits? limits = null)
    {
        limits ??= ZipLimits.Default;
        var files = new List<InputFile>();
        var bad = new List<FileReconciliation>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 })
                    .Where(f => LogExtensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal);
                foreach (var f in found) AddFile(f, files, bad, limits);
            }
            else if (File.Exists(path)) AddFile(path, files, bad, limits);
            else bad.Add(Unreadable(path, InputFormat.Evtx, 0, "no such file or directory"));
        }
        var distinct = files.GroupBy(f => f.Name, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        return (distinct, bad);
    }

    public static FileReconciliation Unreadable(string name, InputFormat format, long bytes, string why) =>
        new(name, format, bytes, 0, 0, 0, 0, 0, 0, why, []);

    static void AddFile(string path, List<InputFile> files, List<FileReconciliation> bad, ZipLimits limits)
    {
        long length;
        Span<byte> magic = stackalloc byte[8];
        int n;
        try
        {
            // a handle, not a stream: no 4 KiB buffer per file (fresh memory, a page fault each)
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = RandomAccess.GetLength(handle);
            n = 0;
            for (int got; n < magic.Length && (got = RandomAccess.Read(handle, magic[n..], n)) > 0;) n += got;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bad.Add(Unreadable(path, InputFormat.Evtx, 0, "cannot open: " + e.Message));
            return;
        }
        var kind = Sniff(magic[..n], path);
        if (kind is null)
        {
            bad.Add(Unreadable(path, InputFormat.Evtx, length, "not an EVTX, JSON/JSONL or .zip file (unrecognised content)"));
            return;
        }
        if (kind == "zip")
        {
            AddZip(path, files, bad, limits);
            return;
        }
        var format = kind == "evtx" ? InputFormat.Evtx : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? InputFormat.Json : InputFormat.Jsonl;
        // EVTX is read a 64 KiB chunk at a time into the reader's own buffer: a stream buffer would only be one more copy,
        // and 64 KiB of fresh memory per file (most of the page faults of a scan over many small files)
        var buffer = format == InputFormat.Evtx ? 1 : 1 << 16;
        files.Add(new InputFile(path, format, length, path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, buffer)));
    }

    /// <summary>"evtx", "json" (also gzip-compressed), "zip", or null.</summary>
    static string? Sniff(ReadOnlySpan<byte> magic, string name)
    {
        if (magic.StartsWith("ElfFile\0"u8)) return "evtx";
        if (magic.StartsWith("PK\u0003\u0004"u8)) return "zip";
        if (magic.Length >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return "json";
        var trimmed = magic.TrimStart(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[') return "json";
        if (magic.StartsWith("\uFEFF"u8)) return "json";
        // An empty .jsonl is a valid (empty) export.
        return magic.IsEmpty && name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? "json" : null;
    }

    static void AddZip(string path, List<InputFile> files, List<FileReconciliation> bad, ZipLimits limits)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            long total = 0;
            var count = 0;
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.FullName.EndsWith('/')) continue;
                var name = path + "!" + entry.FullName;
                if (++count > limits.MaxEntries)
                {
                    bad.Add(Unreadable(name, InputFormat.Evtx, entry.Length, $"archive has more than {limits.MaxEntries} members; the rest are not scanned"));
                    break;
                }
                var lower = entry.FullName.ToLowerInvariant();
                var format = lower.EndsWith(".evtx", StringComparison.Ordinal) ? InputFormat.Evtx
                    : lower.EndsWith(".json", StringComparison.Ordinal) ? InputFormat.Json
                    : lower.EndsWith(".jsonl", StringComparison.Ordinal) || lower.EndsWith(".ndjson", StringComparison.Ordinal)
                      || lower.EndsWith(".jsonl.gz", StringComparison.Ordinal) || lower.EndsWith(".json.gz", StringComparison.Ordinal) ? InputFormat.Jsonl
                    : (InputFormat?)null;
                if (format is null) continue; // not a log (README, tool output…): collections hold many such files
                if (entry.Length > limits.MaxEntryBytes)
                {
                    bad.Add(Unreadable(name, format.Value, entry.Length, $"member is {entry.Length} bytes uncompressed, over the {limits.MaxEntryBytes}-byte limit"));
                    continue;
                }
                if (entry.CompressedLength > 0 && (double)entry.Length / entry.CompressedLength > limits.MaxRatio)
                {
                    bad.Add(Unreadable(name, format.Value, entry.Length, $"compression ratio {(double)entry.Length / entry.CompressedLength:F0}:1 is over {limits.MaxRatio}:1 (zip bomb?)"));
                    continue;
                }
                total += entry.Length;
                if (total > limits.MaxArchiveBytes)
                {
                    bad.Add(Unreadable(name, format.Value, entry.Length, $"archive total is over the {limits.MaxArchiveBytes}-byte limit; not scanned"));
                    continue;
                }
                var entryName = entry.FullName;
                var declared = entry.Length;
                var gz = lower.EndsWith(".gz", StringComparison.Ordinal);
                files.Add(new InputFile(name, format.Value, declared, null, () => OpenMember(path, entryName, declared, gz)));
            }
        }
        catch (InvalidDataException e)
        {
            bad.Add(Unreadable(path, InputFormat.Evtx, new FileInfo(path).Length, "not a readable .zip: " + e.Message));
        }
    }

    static Stream OpenMember(string zipPath, string entryName, long declared, bool gz)
    {
        var archive = ZipFile.OpenRead(zipPath);
        try
        {
            var entry = archive.GetEntry(entryName) ?? throw new FileNotFoundException($"{zipPath}!{entryName} disappeared");
            Stream s = new BoundedReadStream(entry.Open(), declared, zipPath + "!" + entryName, archive);
            return gz ? new GZipStream(s, CompressionMode.Decompress) : s;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }
}
