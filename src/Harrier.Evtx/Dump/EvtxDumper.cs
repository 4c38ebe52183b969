using System.Runtime.CompilerServices;
using Harrier.Evtx.Format;
using Harrier.Evtx.Rendering;

namespace Harrier.Evtx.Dump;

/// <summary>
/// Writes records of EVTX files to a stream as JSONL, a JSON array or XML. One dumper spans all
/// the inputs of a run (the JSON array and the XML root enclose them all): call <see cref="Begin"/>,
/// <see cref="DumpFile"/> per file, then <see cref="End"/>.
/// </summary>
public sealed class EvtxDumper : IDisposable
{
    const int FlushAt = 1 << 20;
    readonly Stream _output;
    readonly DumpOptions _options;
    readonly Utf8Buffer _buffer = new(FlushAt + (1 << 16));
    bool _anyRecord;

    public EvtxDumper(Stream output, DumpOptions options)
    {
        _output = output;
        _options = options;
    }

    public void Begin()
    {
        if (_options.Format == DumpFormat.Json) _buffer.Write("[\n"u8);
        else if (_options.Format == DumpFormat.Xml) _buffer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n"u8);
    }

    public void End()
    {
        if (_options.Format == DumpFormat.Json) _buffer.Write(_anyRecord ? "\n]\n"u8 : "]\n"u8);
        else if (_options.Format == DumpFormat.Xml) _buffer.Write("</Events>\n"u8);
        Flush();
    }

    /// <summary>Dumps one file; returns its stats. Opening errors propagate (<see cref="IOException"/>, <see cref="EvtxFormatException"/>).</summary>
    public EvtxStats DumpFile(string path, Action<EvtxDiagnostic>? onDiagnostic = null)
    {
        var readOptions = new EvtxReadOptions { Carve = _options.Carve, OnDiagnostic = onDiagnostic };
        using var file = EvtxFile.Open(path, readOptions);
        // Parallel rendering starts its workers per file (its buffers are kept); files of a few chunks are faster inline.
        if (_options.Threads > 1 && file.StreamLength > ParallelMinBytes) return ParallelDump.Run(file, this);
        while (file.MoveNext()) WriteRecord(file.Current);
        Flush();
        return file.Stats;
    }

    internal DumpFormat Format => _options.Format;

    /// <summary>Files up to eight chunks are dumped on the calling thread whatever <c>Threads</c> says (same output).</summary>
    internal const long ParallelMinBytes = EvtxFileHeader.Size + 8L * ChunkHeader.ChunkSize;

    internal int Threads => _options.Threads;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void WriteRecord(EvtxRecord record)
    {
        var mark = _buffer.Length;
        if (_options.Format == DumpFormat.Json && _anyRecord) _buffer.Write(",\n"u8);
        var ok = _options.Format == DumpFormat.Xml ? record.TryWriteXml(_buffer) : record.TryWriteJson(_buffer);
        if (!ok)
        {
            _buffer.Truncate(mark);
            return;
        }
        _buffer.Write((byte)'\n');
        if (_options.Format == DumpFormat.Json) _buffer.Truncate(_buffer.Length - 1);
        _anyRecord = true;
        if (_buffer.Length >= FlushAt) Flush();
    }

    /// <summary>Appends a block rendered elsewhere (a chunk rendered by a worker), already separated.</summary>
    internal void WriteRendered(ReadOnlySpan<byte> block, bool hasRecords)
    {
        if (block.IsEmpty) return;
        if (_options.Format == DumpFormat.Json && _anyRecord) _buffer.Write(",\n"u8);
        _buffer.Write(block);
        _anyRecord |= hasRecords;
        if (_buffer.Length >= FlushAt) Flush();
    }

    public void Flush()
    {
        if (_buffer.Length == 0) return;
        _output.Write(_buffer.Written);
        _buffer.Clear();
    }

    /// <summary>The parallel pipeline's chunk jobs and parse states, made on the first large file and kept for the next ones.</summary>
    internal ParallelDump.Pool? ParallelPool { get; set; }

    public void Dispose()
    {
        _buffer.Dispose();
        ParallelPool?.Dispose();
    }
}
