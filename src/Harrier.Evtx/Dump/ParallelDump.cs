using Harrier.Evtx.Format;
using Harrier.Evtx.Reading;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Dump;

/// <summary>
/// The bounded, ordered chunk pipeline behind <c>--threads N</c>: N worker threads parse and render
/// chunks (each owns its parse state), while the calling thread keeps a ring of 4·N chunk jobs
/// filled from the file and writes finished jobs — output, stats and diagnostics — strictly in file
/// order. Reading, rendering and writing overlap; memory stays bounded by the ring; the output is
/// byte-identical to the inline path.
/// </summary>
internal static class ParallelDump
{
    internal sealed class Job
    {
        public readonly byte[] Chunk = new byte[ChunkHeader.ChunkSize];
        public readonly Utf8Buffer Output = new(1 << 18);
        public readonly EvtxStats Stats = new();
        public readonly List<EvtxDiagnostic> Diagnostics = [];
        public readonly ManualResetEventSlim Done = new(false);
        public Exception? Error;
        public int Length, Index, Records;
        public long Offset;

        public void Reset()
        {
            Output.Clear();
            Diagnostics.Clear();
            Records = 0;
            Error = null;
            Stats.Reset();
            Done.Reset();
        }
    }

    /// <summary>
    /// The jobs (a chunk and its output, 320 KiB each) and the workers' parse states, kept by the dumper from one file to
    /// the next: made anew per file they were megabytes of fresh memory each time, which made a folder of many small
    /// files slower with two threads than with one.
    /// </summary>
    internal sealed class Pool(int threads) : IDisposable
    {
        public readonly Job[] Ring = [.. Enumerable.Range(0, threads * 4).Select(_ => new Job())];
        public readonly ChunkProcessor[] Processors = [.. Enumerable.Range(0, threads).Select(_ => new ChunkProcessor())];

        public void Dispose()
        {
            foreach (var j in Ring)
            {
                j.Output.Dispose();
                j.Done.Dispose();
            }
        }
    }

    public static EvtxStats Run(EvtxFile file, EvtxDumper dumper)
    {
        var threads = dumper.Threads;
        var pool = dumper.ParallelPool ??= new Pool(threads);
        var ring = pool.Ring;
        using var queue = new System.Collections.Concurrent.BlockingCollection<Job>(ring.Length);
        var format = dumper.Format;
        var carve = file.Options.Carve;
        var workers = new Thread[threads];
        for (var w = 0; w < threads; w++)
        {
            var proc = pool.Processors[w];
            workers[w] = new Thread(() =>
            {
                foreach (var job in queue.GetConsumingEnumerable())
                {
                    try
                    {
                        Render(file.Path, job, proc, format, carve);
                    }
                    catch (Exception e)
                    {
                        job.Error = e; // rethrown in order on the writing thread
                    }
                    job.Done.Set();
                }
            }) { IsBackground = true, Name = $"harrier-dump-{w}" };
            workers[w].Start();
        }
        try
        {
            long filled = 0, written = 0;
            var more = true;
            while (true)
            {
                while (more && filled - written < ring.Length)
                {
                    var job = ring[filled % ring.Length];
                    job.Reset();
                    if (!file.TryReadChunk(job.Chunk, out job.Length, out job.Index, out job.Offset))
                    {
                        more = false;
                        break;
                    }
                    queue.Add(job);
                    filled++;
                }
                if (written == filled) break;
                var next = ring[written % ring.Length];
                next.Done.Wait();
                if (next.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(next.Error);
                file.AddChunkResult(next.Stats, next.Diagnostics);
                dumper.WriteRendered(next.Output.Written, next.Records > 0);
                written++;
            }
        }
        finally
        {
            queue.CompleteAdding();
            foreach (var w in workers) w.Join();
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
