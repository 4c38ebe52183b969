using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Scanning;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>
/// Feeds every event of one input (found by <see cref="InputDiscovery"/>: files, directories, .zip members)
/// to a consumer, one reused <see cref="EventFields"/> at a time, and reconciles it (read / failed / unreadable).
/// </summary>
static class EventFileReader
{
    public static FileReconciliation Read(InputFile file, Action<EventFields> consume)
    {
        var fields = new EventFields();
        try
        {
            using var stream = file.Open();
            if (file.Format == InputFormat.Evtx) return EvtxSource.Read(file, stream, fields, consume);
            using var reader = new EvtxJsonReader(stream, file.Name);
            while (reader.Read(fields)) consume(fields);
            var problems = reader.Errors.Take(FileReconciliation.MaxProblems)
                .Select(e => new RecordProblem($"line {e.Line}", e.Reason)).ToList();
            return new FileReconciliation(file.Name, file.Format, file.Bytes, reader.EventsRead + reader.EventsFailed, reader.EventsRead,
                reader.EventsFailed, 0, 0, 0, null, problems);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return InputDiscovery.Unreadable(file.Name, file.Format, file.Bytes, e.Message);
        }
    }
}
