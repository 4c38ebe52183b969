using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Hunting.Inputs;

namespace Harrier.Hunting.Scanning;

/// <summary>
/// A .evtx file (or one segment of it, see <see cref="SegmentStream"/>) through <see cref="EvtxFile"/>.
/// Diagnostics are reported with offsets and chunk numbers of the whole file.
/// </summary>
internal sealed class EvtxEventReader : IEventReader
{
    readonly EvtxFile _file;
    readonly HuntScanner.ScanUnit _unit;

    public EvtxEventReader(Stream stream, HuntScanner.ScanUnit unit)
    {
        _unit = unit;
        try
        {
            _file = EvtxFile.Open(stream, unit.File.Name);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Read(EventFields e) => _file.TryReadNext(e);

    public void Finish(UnitResult result)
    {
        result.Failed += _file.Stats.RecordsFailed;
        var firstChunk = _unit.Segment ? (int)((_unit.Start - SegmentStream.HeaderSize) / (64 * 1024)) : 0;
        foreach (var d in _file.Diagnostics)
        {
            // A segment repeats the file header: report its header problems once, from the first segment.
            if (_unit.Segment && d.ChunkIndex < 0 && _unit.Start != SegmentStream.HeaderSize) continue;
            var offset = _unit.Segment ? SegmentStream.ToFileOffset(_unit.Start, d.Offset) : d.Offset;
            var chunk = d.ChunkIndex < 0 ? "file header" : $"chunk {d.ChunkIndex + firstChunk}";
            var record = d.RecordId is { } id ? $", record {id}" : "";
            result.AddProblem(new RecordProblem($"offset 0x{offset:X} ({chunk}{record})", d.Message));
        }
    }

    public void Dispose() => _file.Dispose();
}
