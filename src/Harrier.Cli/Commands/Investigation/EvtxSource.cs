using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Scanning;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>Reads one EVTX input through the EVTX reader, reconciling records read, failed and carved.</summary>
static class EvtxSource
{
    public static FileReconciliation Read(InputFile file, Stream stream, EventFields fields, Action<EventFields> consume)
    {
        try
        {
            using var evtx = EvtxFile.Open(stream, file.Name);
            while (evtx.TryReadNext(fields)) consume(fields);
            var s = evtx.Stats;
            var problems = evtx.Diagnostics.Take(FileReconciliation.MaxProblems)
                .Select(d => new RecordProblem(d.ChunkIndex >= 0 ? $"chunk {d.ChunkIndex}, offset 0x{d.Offset:x}" : $"offset 0x{d.Offset:x}",
                    d.RecordId is { } id ? $"record {id}: {d.Message}" : d.Message))
                .ToList();
            return new FileReconciliation(file.Name, InputFormat.Evtx, file.Bytes, s.RecordsRead + s.RecordsFailed, s.RecordsRead,
                s.RecordsFailed, s.RecordsCarved, 0, 0, null, problems);
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            return InputDiscovery.Unreadable(file.Name, InputFormat.Evtx, file.Bytes, e.Message);
        }
    }
}
