using Harrier.Evtx.Events;
using Harrier.Evtx.Json;

namespace Harrier.Hunting.Scanning;

/// <summary>evtx_dump-layout JSON / JSONL (optionally gzip) through <see cref="EvtxJsonReader"/>.</summary>
internal sealed class JsonEventReader(Stream stream, string name) : IEventReader
{
    readonly EvtxJsonReader _reader = new(stream, name);

    public bool Read(EventFields e) => _reader.Read(e);

    public void Finish(UnitResult result)
    {
        result.Failed += _reader.EventsFailed;
        foreach (var err in _reader.Errors) result.AddProblem(new RecordProblem($"line {err.Line}", err.Reason));
    }

    public void Dispose() => _reader.Dispose();
}
