using Harrier.Evtx.Dump;
using Harrier.Evtx.Info;
using Harrier.Testing;

namespace Harrier.Evtx.Tests;

public class DumpAndInfoTests
{
    static string Crate(string name) => SharedData.Corpus("evtx-crate-samples", name);

    static (byte[] Output, EvtxStats Stats, List<string> Diagnostics) Dump(string path, DumpFormat format, int threads, bool carve = false)
    {
        var ms = new MemoryStream();
        var diags = new List<string>();
        EvtxStats stats;
        using (var d = new EvtxDumper(ms, new DumpOptions { Format = format, Threads = threads, Carve = carve }))
        {
            d.Begin();
            stats = d.DumpFile(path, x => diags.Add(x.ToString()));
            d.End();
        }
        return (ms.ToArray(), stats, diags);
    }

    [Theory]
    [InlineData(DumpFormat.Jsonl)]
    [InlineData(DumpFormat.Xml)]
    public void One_dumper_over_several_files_gives_the_same_output_with_threads(DumpFormat format)
    {
        // the parallel pipeline's jobs and parse states are reused from one file to the next: nothing may carry over
        string[] files = ["security.evtx", "sample_with_a_bad_chunk_magic.evtx", "2-vss_7-System.evtx", "security_bad_string_cache.evtx", "system.evtx"];
        byte[] DumpAll(int threads)
        {
            var ms = new MemoryStream();
            using (var d = new EvtxDumper(ms, new DumpOptions { Format = format, Threads = threads, Carve = true }))
            {
                d.Begin();
                foreach (var f in files) d.DumpFile(Crate(f));
                d.End();
            }
            return ms.ToArray();
        }
        var one = DumpAll(1);
        Assert.True(one.Length > 100_000);
        Assert.Equal(one, DumpAll(2));
        Assert.Equal(one, DumpAll(3));
    }

    [Theory]
    [InlineData("2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational.evtx", DumpFormat.Jsonl, false)]
    [InlineData("sample_with_a_bad_chunk_magic.evtx", DumpFormat.Json, true)]
    [InlineData("security.evtx", DumpFormat.Xml, false)]
    public void Threads_give_byte_identical_output_stats_and_diagnostics(string file, DumpFormat format, bool carve)
    {
        var one = Dump(Crate(file), format, 1, carve);
        var two = Dump(Crate(file), format, 2, carve);
        var four = Dump(Crate(file), format, 4, carve);
        Assert.True(one.Output.Length > 1000);
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.Output, four.Output);
        Assert.Equal((one.Stats.RecordsRead, one.Stats.RecordsFailed, one.Stats.RecordsCarved), (two.Stats.RecordsRead, two.Stats.RecordsFailed, two.Stats.RecordsCarved));
        Assert.Equal(one.Diagnostics, four.Diagnostics);
    }

    [Fact]
    public void Json_format_is_one_array_of_every_record()
    {
        var (output, stats, _) = Dump(Crate("security.evtx"), DumpFormat.Json, 2);
        var array = System.Text.Json.Nodes.JsonNode.Parse(output)!.AsArray();
        Assert.Equal(stats.RecordsRead, array.Count);
    }

    [Fact]
    public void Carving_recovers_records_from_a_chunk_with_a_bad_magic_and_marks_them()
    {
        var path = Crate("sample_with_a_bad_chunk_magic.evtx");
        var plain = Dump(path, DumpFormat.Jsonl, 1);
        var carved = Dump(path, DumpFormat.Jsonl, 1, carve: true);
        Assert.Equal(0, plain.Stats.RecordsCarved);
        Assert.Contains(plain.Diagnostics, d => d.Contains("bad chunk magic"));
        Assert.True(carved.Stats.RecordsCarved > 0);
        Assert.Equal(plain.Stats.RecordsRead + carved.Stats.RecordsCarved, carved.Stats.RecordsRead);
        using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = true });
        var flagged = 0;
        foreach (var r in file.Records())
            if (r.Carved)
            {
                flagged++;
                Assert.NotNull(r.ToJson());
            }
        Assert.Equal(carved.Stats.RecordsCarved, flagged);
    }

    [Fact]
    public void Info_reports_header_chunks_ids_gaps_and_counts()
    {
        var info = EvtxInfo.Analyze(Crate("security.evtx"), new EvtxInfoOptions { MinGap = TimeSpan.FromHours(10) });
        Assert.True(info.Header.MagicValid);
        Assert.Equal(info.Header.ChunkCount, info.ChunksInFile);
        Assert.True(info.RecordsRead > 2000);
        // Ids present + ids missing span first..last exactly.
        Assert.Equal(info.LastRecordId!.Value - info.FirstRecordId!.Value + 1, (ulong)info.RecordsRead + info.RecordIdsMissing);
        Assert.Equal(info.RecordsRead, info.EventCounts.Sum(c => c.Count));
        Assert.NotEmpty(info.TimeGaps);
        Assert.All(info.TimeGaps, g => Assert.True(g.Duration >= TimeSpan.FromHours(10)));
        Assert.True(info.FirstTime < info.LastTime);
        var longer = EvtxInfo.Analyze(Crate("security.evtx"), new EvtxInfoOptions { MinGap = TimeSpan.FromDays(30) });
        Assert.True(longer.TimeGaps.Count < info.TimeGaps.Count);
    }

    [Fact]
    public void Info_finds_record_id_gaps_in_a_file_with_chunks_missing()
    {
        // Drop the second chunk of a multi-chunk log: its record ids must show up as one gap.
        var source = File.ReadAllBytes(Crate("security.evtx"));
        var trimmed = new byte[source.Length - 65536];
        source.AsSpan(0, 4096 + 65536).CopyTo(trimmed);
        source.AsSpan(4096 + 2 * 65536).CopyTo(trimmed.AsSpan(4096 + 65536));
        var path = Path.Combine(Path.GetTempPath(), $"harrier-gap-{Environment.ProcessId}.evtx");
        File.WriteAllBytes(path, trimmed);
        try
        {
            var full = EvtxInfo.Analyze(Crate("security.evtx"));
            var cut = EvtxInfo.Analyze(path);
            Assert.Equal(full.RecordIdGapCount + 1, cut.RecordIdGapCount);
            Assert.Equal(full.RecordIdsMissing + (ulong)(full.RecordsRead - cut.RecordsRead), cut.RecordIdsMissing);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
