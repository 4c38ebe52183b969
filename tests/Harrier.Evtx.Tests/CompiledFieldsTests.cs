using Harrier.Evtx.Events;

namespace Harrier.Evtx.Tests;

/// <summary>
/// The compiled flattening path (FieldsFlattener.Fill over FieldsTemplates programs) yields exactly
/// the EventFields of the tree flattener (FillTree) for every record of the five corpora, carved
/// records included: the same (field id, value) entries in the same order, RecordId, TimeCreated,
/// EventId, Carved, and the same error where a record cannot be flattened; and it really is the path
/// most records take.
/// </summary>
public class CompiledFieldsTests
{
    public static TheoryData<string> Corpora => new(ReferenceCorpus.Names);

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Compiled_fields_equal_the_tree_flattening_entry_for_entry(string corpus)
    {
        var files = Directory.GetFiles(ReferenceCorpus.CorpusDir(corpus), "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var fast = new EventFields();
        var tree = new EventFields();
        long read = 0, compiled = 0, entries = 0;
        var failures = new List<string>();
        foreach (var path in files)
        {
            using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = true });
            var flattener = file.Processor.Fields;
            while (file.MoveNext())
            {
                var r = file.Current;
                var before = flattener.CompiledRecords;
                var difference = Compare(flattener, r, fast, tree, out _);
                if (!r.Carved)
                {
                    read++;
                    compiled += flattener.CompiledRecords - before;
                }
                entries += tree.Count;
                if (difference != null)
                    failures.Add($"{Path.GetRelativePath(ReferenceCorpus.CorpusDir(corpus), path)} record {r.RecordId}{(r.Carved ? " (carved)" : "")}: {difference}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} records differ:\n" + string.Join("\n", failures.Take(10)));
        Assert.True(read > 0 && entries > read, $"{read} records, {entries} entries");
        // The compiled path must carry the bulk of the records, or the speed claims are hollow.
        Assert.True(compiled >= read * 9 / 10, $"only {compiled} of {read} records took the compiled path");
    }

    /// <summary>
    /// Damaged input: real chunks of every corpus, each followed by a copy with substitution values swapped
    /// within records and/or a few bytes changed (seeded), so that templates, nesting, value types and sizes
    /// take shapes no real log has, and changed templates follow their originals in the same file. Whatever the compiled path
    /// makes of a record (programs, tree sub-walks, fallback, errors) must equal the tree flattener.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compiled_fields_equal_the_tree_flattening_on_damaged_chunks(int seed)
    {
        var chunks = ReferenceCorpus.Names
            .SelectMany(c => Directory.GetFiles(ReferenceCorpus.CorpusDir(c), "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(40))
            .Select(File.ReadAllBytes)
            .Where(d => d.Length >= FileHeader + ChunkSize && d.AsSpan(FileHeader, 8).SequenceEqual("ElfChnk\0"u8))
            .ToList();
        Assert.True(chunks.Count > 50, $"{chunks.Count} files with a first chunk");
        var random = new Random(seed);
        var fast = new EventFields();
        var tree = new EventFields();
        long records = 0, compiled = 0, errors = 0;
        var failures = new List<string>();
        for (var input = 0; input < 600; input++)
        {
            // The chunk twice: the damaged second copy must not meet anything compiled for the first.
            var source = chunks[random.Next(chunks.Count)];
            var bytes = new byte[FileHeader + 2 * ChunkSize];
            source.AsSpan(0, FileHeader + ChunkSize).CopyTo(bytes);
            source.AsSpan(FileHeader, ChunkSize).CopyTo(bytes.AsSpan(FileHeader + ChunkSize));
            const int damaged = FileHeader + ChunkSize;
            if (input % 3 != 0)
            {
                // Substitution values trade places (bytes and descriptors): nested BinXml lands where text was, arrays where scalars were.
                var layouts = ValueLayouts(bytes).Where(l => l.Descriptors >= damaged).ToList();
                for (var k = layouts.Count == 0 ? 0 : random.Next(1, 9); k > 0; k--)
                {
                    var (descriptors, offsets, lengths) = layouts[random.Next(layouts.Count)];
                    var i = random.Next(offsets.Length - 1);
                    SwapValues(bytes, descriptors, offsets, lengths, i, random.Next(i + 1, offsets.Length));
                }
            }
            if (input % 3 != 1)
            {
                // A few bytes anywhere past the chunk header (records, templates, names); the checksums no longer match.
                for (var k = random.Next(1, 13); k > 0; k--)
                    bytes[damaged + 512 + random.Next(ChunkSize - 512)] = (byte)random.Next(256);
            }
            using var file = EvtxFile.Open(new MemoryStream(bytes), $"seed {seed} input {input}", new EvtxReadOptions { Carve = input % 2 == 0 });
            var flattener = file.Processor.Fields;
            while (file.MoveNext())
            {
                var r = file.Current;
                var before = flattener.CompiledRecords;
                var difference = Compare(flattener, r, fast, tree, out var failed);
                records++;
                compiled += flattener.CompiledRecords - before;
                if (failed) errors++;
                if (difference != null) failures.Add($"input {input} record {r.RecordId}: {difference}");
            }
        }
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} records differ:\n" + string.Join("\n", failures.Take(10)));
        Assert.True(records > 20_000 && compiled > records / 2, $"{records} records, {compiled} compiled, {errors} tree errors");
    }

    const int FileHeader = 4096, ChunkSize = 65536;

    /// <summary>Per record of the (undamaged) input whose root is one template instance of two or more values: its descriptor array and value ranges, as file offsets.</summary>
    static List<(int Descriptors, int[] Offsets, int[] Lengths)> ValueLayouts(byte[] bytes)
    {
        var layouts = new List<(int, int[], int[])>();
        using var file = EvtxFile.Open(new MemoryStream(bytes), "undamaged");
        var doc = file.Processor.Document;
        while (file.MoveNext())
        {
            if (doc.Root < 0) continue;
            var n = doc.Nodes.Nodes[doc.Root];
            if (n.Kind != Harrier.Evtx.BinXml.NodeKind.TemplateInstance || n.Length < 2) continue;
            var offsets = new int[n.Length];
            var lengths = new int[n.Length];
            for (var i = 0; i < n.Length; i++)
            {
                offsets[i] = FileHeader + doc.Values[n.Offset + i].Offset;
                lengths[i] = doc.Values[n.Offset + i].Length;
            }
            layouts.Add((offsets[0] - 4 * n.Length, offsets, lengths)); // the values follow their descriptors
        }
        return layouts;
    }

    /// <summary>Swaps values i &lt; j of one record: their bytes (the values between them shift) and their 4-byte descriptors.</summary>
    static void SwapValues(byte[] bytes, int descriptors, int[] offsets, int[] lengths, int i, int j)
    {
        var start = offsets[i];
        var end = offsets[j] + lengths[j];
        var vi = bytes.AsSpan(start, lengths[i]).ToArray();
        var middle = bytes.AsSpan(start + lengths[i], offsets[j] - start - lengths[i]).ToArray();
        var vj = bytes.AsSpan(offsets[j], lengths[j]).ToArray();
        vj.CopyTo(bytes, start);
        middle.CopyTo(bytes, start + vj.Length);
        vi.CopyTo(bytes, end - vi.Length);
        var di = bytes.AsSpan(descriptors + 4 * i, 4).ToArray();
        bytes.AsSpan(descriptors + 4 * j, 4).CopyTo(bytes.AsSpan(descriptors + 4 * i));
        di.CopyTo(bytes, descriptors + 4 * j);
    }

    /// <summary>Flattens the current record both ways; the first difference (or differing error), or null when they agree.</summary>
    static string? Compare(Rendering.FieldsFlattener flattener, EvtxRecord r, EventFields fast, EventFields tree, out bool failed)
    {
        string? fastError = null, treeError = null;
        // Stale content must not survive: both start from a filled instance.
        fast.Add(FieldNames.Data, "stale");
        tree.Add(FieldNames.Data, "stale");
        try { flattener.Fill(fast, r.RecordId, r.WrittenTime, r.Carved); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { fastError = e.Message; }
        try { flattener.FillTree(tree, r.RecordId, r.WrittenTime, r.Carved); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { treeError = e.Message; }
        failed = treeError != null;
        if (fastError != treeError) return $"error '{fastError}' vs tree '{treeError}'";
        return fastError == null ? Difference(fast, tree) : null;
    }

    /// <summary>The first difference between two flattenings, or null when they are the same.</summary>
    static string? Difference(EventFields fast, EventFields tree)
    {
        if (fast.RecordId != tree.RecordId) return $"RecordId {fast.RecordId} vs tree {tree.RecordId}";
        if (fast.TimeCreated != tree.TimeCreated) return $"TimeCreated {fast.TimeCreated} vs tree {tree.TimeCreated}";
        if (fast.EventId != tree.EventId) return $"EventId {fast.EventId} vs tree {tree.EventId}";
        if (fast.Carved != tree.Carved) return $"Carved {fast.Carved} vs tree {tree.Carved}";
        for (var i = 0; i < Math.Min(fast.Count, tree.Count); i++)
        {
            if (fast.FieldId(i) != tree.FieldId(i) || !fast.Value(i).SequenceEqual(tree.Value(i)))
                return $"entry {i}: {Entry(fast, i)} vs tree {Entry(tree, i)}";
        }
        if (fast.Count != tree.Count)
            return $"{fast.Count} entries vs tree {tree.Count}; first extra: "
                + (fast.Count > tree.Count ? Entry(fast, tree.Count) : "tree " + Entry(tree, fast.Count));
        return null;
    }

    static string Entry(EventFields f, int i) => $"{FieldNames.Name(f.FieldId(i))}='{f.Value(i)}'";
}
