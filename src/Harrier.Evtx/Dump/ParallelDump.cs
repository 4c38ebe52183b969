using Harrier.Evtx.Format;
using Harrier.Evtx.Reading;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Dump;

/// <summary>
/// The bounded, ordered chunk pipeline behind <c>--threads N</c>: the calling thread reads a batch of
/// up to 2·N chunks, N workers parse and render them (each worker owns its parse state and output
/// buffer), and the rendered chunks are written, and their stats and diagnostics replayed, in file
/// order. Output is byte-identical to the inline path; memory stays bounded by the batch size.
/// </summary>
internal static class ParallelDump
{
    sealed class Job
    {
        public readonly byte[] Chunk = new byte[ChunkHeader.ChunkSize];
        public readonly Utf8Buffer Output = new(1 << 18);
        public readonly EvtxStats Stats = new();
        public readonly List<EvtxDiagnostic> Diagnostics = [];
        public int Length, Index, Records;
        public long Offset;

        public void Reset()
        {
            Output.Clear();
            Diagnostics.Clear();
            Records = 0;
            Stats.Reset();
        }
    }

    public static EvtxStats Run(EvtxFile file, EvtxDumper dumper)
    {
        var threads = dumper.Threads;
        var jobs = Enumerable.Range(0, threads * 2).Select(_ => new Job()).ToArray();
        var processors = new ChunkProcessor[threads];
        for (var i = 0; i < threads; i++) processors[i] = new ChunkProcessor();
        var free = new System.Collections.Concurrent.ConcurrentStack<ChunkProcessor>(processors);
        var format = dumper.Format;
        var carve = file.Options.Carve;
        try
        {
            while (true)
            {
                var count = 0;
                while (count < jobs.Length)
                {
                    var job = jobs[count];
                    job.Reset();
                    if (!file.TryReadChunk(job.Chunk, out job.Length, out job.Index, out job.Offset)) break;
                    count++;
                }
                if (count == 0) break;
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    free.TryPop(out var proc);
                    try
                    {
                        Render(file.Path, jobs[i], proc!, format, carve);
                    }
                    finally
                    {
                        free.Push(proc!);
                    }
                });
                for (var i = 0; i < count; i++)
                {
                    file.AddChunkResult(jobs[i].Stats, jobs[i].Diagnostics);
                    dumper.WriteRendered(jobs[i].Output.Written, jobs[i].Records > 0);
                }
            }
        }
        finally
        {
            foreach (var j in jobs) j.Output.Dispose();
        }
        dumper.Flush();
        return file.Stats;
    }

    static void Render(string path, Job job, ChunkProcessor proc, DumpFormat format, bool carve)
    {
        if (!proc.Begin(path, job.Chunk, job.Length, job.Index, job.Offset, job.Stats, job.Diagnostics.Add, carve)) return;
        var o = job.Output;
        while (proc.MoveNext())
        {
            var mark = o.Length;
            if (format == DumpFormat.Json && job.Records > 0) o.Write(",\n"u8);
            try
            {
                if (format == DumpFormat.Xml) proc.Xml.Render(o);
                else proc.Json.Render(o);
            }
            catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
            {
                o.Truncate(mark);
                proc.RenderFailed(e);
                continue;
            }
            if (format != DumpFormat.Json) o.Write((byte)'\n');
            job.Stats.RecordsRead++;
            if (proc.Carved) job.Stats.RecordsCarved++;
            job.Records++;
        }
    }
}
