using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Tests;

/// <summary>
/// The compiled JSON path (<see cref="CompiledJsonRenderer"/>) writes the same bytes as the tree
/// renderer for every record of the five corpora, carved records included, and really is the path
/// most records take.
/// </summary>
public class CompiledJsonTests
{
    public static TheoryData<string> Corpora => new(ReferenceCorpus.Names);

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Compiled_json_equals_the_tree_rendering_byte_for_byte(string corpus)
    {
        var files = Directory.GetFiles(ReferenceCorpus.CorpusDir(corpus), "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        using var fast = new Utf8Buffer();
        using var tree = new Utf8Buffer();
        long records = 0, read = 0, compiled = 0;
        var failures = new List<string>();
        foreach (var path in files)
        {
            using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = true });
            var json = file.Processor.Json;
            while (file.MoveNext())
            {
                var before = json.CompiledRecords;
                fast.Clear();
                tree.Clear();
                string? fastError = null, treeError = null;
                try { json.Render(fast); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { fastError = e.Message; }
                try { json.RenderTree(tree); } catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException) { treeError = e.Message; }
                records++;
                if (!file.Current.Carved)
                {
                    read++;
                    compiled += json.CompiledRecords - before;
                }
                if (fastError != treeError) failures.Add($"{path} record {file.Current.RecordId}: error '{fastError}' vs tree '{treeError}'");
                else if (!fast.Written.SequenceEqual(tree.Written))
                    failures.Add($"{path} record {file.Current.RecordId}: {Difference(fast.Written, tree.Written)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} records differ:\n" + string.Join("\n", failures.Take(10)));
        Assert.True(read > 0);
        // The compiled path must carry the bulk of the records (carved ones are often torn), or the speed claims are hollow.
        Assert.True(compiled >= read * 9 / 10, $"only {compiled} of {read} records took the compiled path");
    }

    /// <summary>Where two renderings part, with a little context (records can be megabytes long).</summary>
    static string Difference(ReadOnlySpan<byte> compiled, ReadOnlySpan<byte> tree)
    {
        var at = compiled.CommonPrefixLength(tree);
        var from = Math.Max(0, at - 80);
        string Around(ReadOnlySpan<byte> s) => System.Text.Encoding.UTF8.GetString(s[from..Math.Min(s.Length, at + 80)]);
        return $"byte {at} of {compiled.Length} / {tree.Length}:\n  compiled …{Around(compiled)}…\n  tree     …{Around(tree)}…";
    }
}
