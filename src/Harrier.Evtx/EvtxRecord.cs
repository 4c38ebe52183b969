using Harrier.Evtx.Events;
using Harrier.Evtx.Reading;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx;

/// <summary>
/// The record an <see cref="EvtxFile"/> is positioned on. One instance per file, reused: its values
/// change with every <see cref="EvtxFile.MoveNext"/>. Rendering failures (malformed values) are
/// reported as a failed record and the <c>Try…</c> methods return false.
/// </summary>
public sealed class EvtxRecord
{
    readonly EvtxFile _file;
    readonly ChunkProcessor _proc;

    internal EvtxRecord(EvtxFile file, ChunkProcessor proc)
    {
        _file = file;
        _proc = proc;
    }

    /// <summary>Event record id from the record header.</summary>
    public ulong RecordId => _proc.RecordId;

    /// <summary>Written time from the record header (FILETIME ticks, UTC).</summary>
    public long WrittenTime => _proc.WrittenTime;

    /// <summary>Index of the chunk holding the record (0 = first chunk after the file header).</summary>
    public int ChunkIndex => _proc.ChunkIndex;

    /// <summary>File offset of the record header.</summary>
    public long FileOffset => _proc.FileOffset;

    /// <summary>True when the record was recovered by carving.</summary>
    public bool Carved => _proc.Carved;

    /// <summary>Appends the evtx_dump-style JSON object (no newline) to <paramref name="output"/>.</summary>
    public bool TryWriteJson(Utf8Buffer output) => TryRender(output, json: true);

    /// <summary>Appends the Windows-style event XML to <paramref name="output"/>.</summary>
    public bool TryWriteXml(Utf8Buffer output) => TryRender(output, json: false);

    bool TryRender(Utf8Buffer output, bool json)
    {
        var mark = output.Length;
        try
        {
            if (json) _proc.Json.Render(output);
            else _proc.Xml.Render(output);
            return true;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            output.Truncate(mark);
            _file.ReportRenderFailure(e);
            return false;
        }
    }

    /// <summary>Flattens the record into <paramref name="into"/> (cleared first).</summary>
    public bool TryFill(EventFields into)
    {
        try
        {
            _proc.Fields.Fill(into, RecordId, WrittenTime, Carved);
            return true;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            into.Clear();
            _file.ReportRenderFailure(e);
            return false;
        }
    }

    /// <summary>The record as a JSON string (allocates; for tools and tests).</summary>
    public string? ToJson()
    {
        using var b = new Utf8Buffer(4096);
        return TryWriteJson(b) ? b.ToString() : null;
    }

    /// <summary>The record as an XML string (allocates; for tools and tests).</summary>
    public string? ToXml()
    {
        using var b = new Utf8Buffer(4096);
        return TryWriteXml(b) ? b.ToString() : null;
    }
}
