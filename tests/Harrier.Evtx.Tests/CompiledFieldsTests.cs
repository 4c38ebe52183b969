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
                string? fastError = null, treeError = null;
                // Stale content must not survive: both start from a filled instance.
                fast.Add(FieldNames.Data, "stale");
                tree.Add(FieldNames.Data, "stale");
                try { flattener.Fill(fast, r.RecordId, r.WrittenTime, r.Carved); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { fastError = e.Message; }
                try { flattener.FillTree(tree, r.RecordId, r.WrittenTime, r.Carved); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { treeError = e.Message; }
                if (!r.Carved)
                {
                    read++;
                    compiled += flattener.CompiledRecords - before;
                }
                entries += tree.Count;
                var where = $"{Path.GetRelativePath(ReferenceCorpus.CorpusDir(corpus), path)} record {r.RecordId}{(r.Carved ? " (carved)" : "")}";
                if (fastError != treeError) failures.Add($"{where}: error '{fastError}' vs tree '{treeError}'");
                else if (fastError == null && Difference(fast, tree) is { } d) failures.Add($"{where}: {d}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} records differ:\n" + string.Join("\n", failures.Take(10)));
        Assert.True(read > 0 && entries > read, $"{read} records, {entries} entries");
        // The compiled path must carry the bulk of the records, or the speed claims are hollow.
        Assert.True(compiled >= read * 9 / 10, $"only {compiled} of {read} records took the compiled path");
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
