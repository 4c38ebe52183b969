using System.Runtime.CompilerServices;
using Harrier.Evtx.BinXml;
using Harrier.Evtx.Format;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Reading;

/// <summary>
/// Walks the records of one chunk at a time: validates the chunk header and checksums, follows the
/// record list from offset 512 to the free-space offset, resynchronises past a broken record, and
/// (when carving) scans the slack for further records. Owns one worker's parse and render state.
/// </summary>
internal sealed class ChunkProcessor
{
    public readonly ChunkContext Context = new();
    public readonly RecordDocument Document = new();
    public readonly RecordView View;
    readonly BinXmlParser _parser;
    CompiledJsonRenderer? _json;
    XmlRenderer? _xml;
    FieldsFlattener? _fields;

    string _file = "";
    EvtxStats _stats = null!;
    Action<EvtxDiagnostic> _report = null!;
    bool _carve;
    int _index;
    long _fileOffset;
    int _pos;
    int _limit;
    bool _carving;

    public ChunkProcessor()
    {
        View = new RecordView(Context, Document);
        _parser = new BinXmlParser(Context, Document);
    }

    public CompiledJsonRenderer Json => _json ??= new CompiledJsonRenderer(View);
    public XmlRenderer Xml => _xml ??= new XmlRenderer(View);
    public FieldsFlattener Fields => _fields ??= new FieldsFlattener(View);

    // The current record.
    public ulong RecordId { get; private set; }
    public long WrittenTime { get; private set; }
    public int RecordOffset { get; private set; }
    public bool Carved { get; private set; }
    public int ChunkIndex => _index;
    public long FileOffset => _fileOffset + RecordOffset;

    /// <summary>Starts on a chunk. Returns false (after reporting) when the chunk holds nothing to read.</summary>
    public bool Begin(string file, byte[] chunk, int length, int index, long fileOffset, EvtxStats stats, Action<EvtxDiagnostic> report, bool carve)
    {
        _file = file;
        _stats = stats;
        _report = report;
        _carve = carve;
        _index = index;
        _fileOffset = fileOffset;
        _carving = false;
        Context.Reset(chunk, length);
        var span = chunk.AsSpan(0, length);
        if (length < ChunkHeader.ChunkSize)
        {
            Report(EvtxDiagnosticKind.Chunk, 0, null, $"truncated chunk: {length} of {ChunkHeader.ChunkSize} bytes");
            if (length < ChunkHeader.Size) return false;
        }
        if (!ChunkHeader.HasMagic(span))
        {
            if (ChunkHeader.IsZeroed(span)) return false;
            stats.ChunksInFile++;
            Report(EvtxDiagnosticKind.Chunk, 0, null, "bad chunk magic" + (carve ? "; carving records from it" : "; chunk skipped (use --carve to recover records)"));
            if (!carve) return false;
            _carving = true;
            _pos = 0;
            return true;
        }
        stats.ChunksInFile++;
        stats.ChunksValid++;
        var header = ChunkHeader.Parse(span);
        if (!header.HeaderChecksumValid)
        {
            stats.ChunkHeaderChecksumFailures++;
            Report(EvtxDiagnosticKind.Chunk, ChunkHeader.HeaderChecksumOffset, null, "chunk header checksum mismatch; reading it anyway");
        }
        if (header.FreeSpace < ChunkHeader.Size || header.FreeSpace > (uint)length)
        {
            Report(EvtxDiagnosticKind.Chunk, ChunkHeader.FreeSpaceOffset, null, $"free space offset {header.FreeSpace} out of range; reading to the chunk end");
            _limit = length;
        }
        else
        {
            _limit = (int)header.FreeSpace;
            if (!header.RecordsChecksumValid(span))
            {
                stats.ChunkRecordsChecksumFailures++;
                Report(EvtxDiagnosticKind.Chunk, ChunkHeader.RecordsChecksumOffset, null, "chunk records checksum mismatch; reading it anyway");
            }
        }
        _pos = ChunkHeader.Size;
        return true;
    }

    void Report(EvtxDiagnosticKind kind, long chunkOffset, ulong? recordId, string message)
    {
        _stats.Diagnostics++;
        _report(new EvtxDiagnostic(_file, kind, _index, _fileOffset + chunkOffset, recordId, message));
    }

    /// <summary>Parses the next record of the chunk; false at its end. Failed records are counted and reported, then skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        var span = Context.Span;
        while (!_carving)
        {
            if (_pos + RecordHeader.DataOffset > _limit)
            {
                if (!_carve) return false;
                _carving = true;
                break;
            }
            var error = RecordHeader.TryParse(span, _pos, _limit, out var h);
            if (error != null)
            {
                var next = Resync(span, _pos + 8, _limit);
                Report(EvtxDiagnosticKind.Record, _pos, null, error + (next < 0 ? "; rest of the chunk skipped" : $"; resuming at chunk offset 0x{next:x}"));
                if (next < 0)
                {
                    if (!_carve) return false;
                    _pos = _limit;
                    _carving = true;
                    break;
                }
                _pos = next;
                continue;
            }
            var at = _pos;
            _pos += (int)h.Size;
            if (h.SizeCopyMismatch)
                Report(EvtxDiagnosticKind.Record, at, h.Id, $"record size {h.Size} does not match its trailing copy {h.SizeCopy}; reading it anyway");
            if (TryParse(at, h, carved: false)) return true;
        }
        while (true)
        {
            var next = FindSignature(span, _pos, span.Length);
            if (next < 0) return false;
            _pos = next + 4;
            if (RecordHeader.TryParse(span, next, span.Length, out var h) != null || h.SizeCopyMismatch) continue;
            if (!TryParseQuiet(next, h)) continue;
            _pos = next + (int)h.Size;
            return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool TryParse(int at, in RecordHeader h, bool carved)
    {
        try
        {
            _parser.ParseRecord(at + RecordHeader.DataOffset, at + (int)h.Size - 4);
            SetCurrent(at, h, carved);
            return true;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            _stats.RecordsFailed++;
            Report(EvtxDiagnosticKind.Record, at, h.Id, e.Message);
            return false;
        }
    }

    bool TryParseQuiet(int at, in RecordHeader h)
    {
        try
        {
            _parser.ParseRecord(at + RecordHeader.DataOffset, at + (int)h.Size - 4);
            SetCurrent(at, h, carved: true);
            return true;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            return false;
        }
    }

    void SetCurrent(int at, in RecordHeader h, bool carved)
    {
        RecordId = h.Id;
        WrittenTime = h.WrittenTime;
        RecordOffset = at;
        Carved = carved;
    }

    /// <summary>Reports a record that parsed but could not be rendered (counted as failed).</summary>
    public void RenderFailed(Exception e)
    {
        _stats.RecordsFailed++;
        Report(EvtxDiagnosticKind.Record, RecordOffset, RecordId, e.Message);
    }

    static int FindSignature(ReadOnlySpan<byte> span, int from, int to)
    {
        if (from >= to) return -1;
        var i = span[from..to].IndexOf("**\0\0"u8);
        return i < 0 ? -1 : from + i;
    }

    /// <summary>The next offset in [from, to) holding a record header whose size and trailing copy agree.</summary>
    static int Resync(ReadOnlySpan<byte> span, int from, int to)
    {
        while (true)
        {
            var at = FindSignature(span, from, to);
            if (at < 0) return -1;
            if (RecordHeader.TryParse(span, at, to, out var h) == null && !h.SizeCopyMismatch) return at;
            from = at + 4;
        }
    }
}
