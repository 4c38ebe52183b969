using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Hunting.Scanning;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>
/// Feeds every event of the PATH arguments (files; directories searched recursively for *.evtx,
/// *.json, *.jsonl and their .gz forms) to a consumer, one reused <see cref="EventFields"/> at a time,
/// and reconciles each file (read / failed / unreadable, with locations).
/// </summary>
static class EventFileReader
{
    static readonly string[] Extensions = [".evtx", ".json", ".jsonl", ".json.gz", ".jsonl.gz"];

    public static List<string> Expand(IEnumerable<string> paths, List<string> missing)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p))
                files.AddRange(Directory.EnumerateFiles(p, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => Extensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal));
            else missing.Add(p);
        }
        return files;
    }

    public static FileReconciliation Read(string file, Action<EventFields> consume)
    {
        var bytes = new FileInfo(file).Length;
        var fields = new EventFields();
        if (file.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase))
            return EvtxSource.Read(file, bytes, fields, consume);
        var format = file.Contains(".jsonl", StringComparison.OrdinalIgnoreCase) ? InputFormat.Jsonl : InputFormat.Json;
        try
        {
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(fields)) consume(fields);
            var problems = reader.Errors.Take(FileReconciliation.MaxProblems)
                .Select(e => new RecordProblem($"line {e.Line}", e.Reason)).ToList();
            return new FileReconciliation(file, format, bytes, reader.EventsRead + reader.EventsFailed, reader.EventsRead,
                reader.EventsFailed, 0, 0, 0, null, problems);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new FileReconciliation(file, format, bytes, 0, 0, 0, 0, 0, 0, e.Message, []);
        }
    }
}
