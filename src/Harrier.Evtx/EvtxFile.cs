using System.Runtime.CompilerServices;
using Harrier.Evtx.Events;
using Harrier.Evtx.Format;
using Harrier.Evtx.Reading;

namespace Harrier.Evtx;

/// <summary>
/// A streaming reader over one EVTX file: the file header, then chunk after chunk, record after
/// record, holding one 64 KiB chunk in memory. Bad chunks and records are reported through
/// <see cref="Diagnostics"/> (and <see cref="EvtxReadOptions.OnDiagnostic"/>) and skipped; reading goes on.
/// </summary>
/// <example>
/// <code>
/// using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = false });
/// var fields = new EventFields();
/// while (file.TryReadNext(fields)) { … fields.EventId … }
/// // or: foreach (var rec in file.Records()) Console.WriteLine(rec.ToJson());
/// </code>
/// </example>
public sealed class EvtxFile : IDisposable
{
    readonly Stream _stream;
    readonly bool _ownsStream;
    readonly EvtxReadOptions _options;
    readonly ChunkProcessor _proc;
    readonly byte[] _chunk;
    readonly List<EvtxDiagnostic> _diagnostics = [];
    readonly Action<EvtxDiagnostic> _report;
    int _nextChunk;
    bool _inChunk;
    bool _done;
    bool _disposed;
    long _position;

    /// <summary>
    /// The parse state and chunk buffer of the last file this thread closed, for the next one it opens: made new for each
    /// file, they were most of the memory a scan of many small files allocated (≈ 165 KB each, every page of it fresh).
    /// Records of a closed file must not be read any more (as before: they read the file's chunk).
    /// </summary>
    [ThreadStatic] static (ChunkProcessor Processor, byte[] Chunk)? t_spare;

    EvtxFile(Stream stream, bool ownsStream, string path, EvtxReadOptions options)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _options = options;
        Path = path;
        _report = Report;
        if (t_spare is { } spare)
        {
            t_spare = null;
            (_proc, _chunk) = spare;
        }
        else
        {
            _proc = new ChunkProcessor();
            _chunk = new byte[ChunkHeader.ChunkSize];
        }
        Current = new EvtxRecord(this, _proc);
        try
        {
            Header = ReadHeader(stream, path);
        }
        catch
        {
            t_spare ??= (_proc, _chunk);
            throw;
        }
    }

    EvtxFileHeader ReadHeader(Stream stream, string path)
    {
        var header = _chunk.AsSpan(0, EvtxFileHeader.Size); // the chunk buffer, free until the first chunk is read
        var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        _position = n;
        Stats.BytesRead = n;
        if (n < 128) throw new EvtxFormatException(0, $"{path}: not an EVTX file ({n} bytes, shorter than the file header)");
        var parsed = EvtxFileHeader.Parse(header[..n]);
        if (!parsed.MagicValid) Report(new EvtxDiagnostic(path, EvtxDiagnosticKind.FileHeader, -1, 0, null, "bad file header magic (expected \"ElfFile\\0\")"));
        else if (!parsed.ChecksumValid) Report(new EvtxDiagnostic(path, EvtxDiagnosticKind.FileHeader, -1, EvtxFileHeader.ChecksumOffset, null, "file header checksum mismatch"));
        if (n < EvtxFileHeader.Size) _done = true;
        return parsed;
    }

    /// <summary>Opens a file for reading. Throws <see cref="IOException"/> when it cannot be opened and <see cref="EvtxFormatException"/> when it is not EVTX at all.</summary>
    public static EvtxFile Open(string path, EvtxReadOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        try
        {
            return new EvtxFile(stream, true, path, options ?? EvtxReadOptions.Default);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads EVTX from a stream positioned at the file header; <paramref name="name"/> labels diagnostics.</summary>
    public static EvtxFile Open(Stream stream, string name, EvtxReadOptions? options = null, bool leaveOpen = false) =>
        new(stream, !leaveOpen, name, options ?? EvtxReadOptions.Default);

    public string Path { get; }

    public EvtxFileHeader Header { get; }

    /// <summary>Length of the underlying stream (long.MaxValue when it cannot tell).</summary>
    internal long StreamLength => _stream.CanSeek ? _stream.Length : long.MaxValue;

    public EvtxStats Stats { get; } = new();

    /// <summary>Diagnostics so far (the first <see cref="Limits.MaxDiagnosticsKept"/>; all are counted in <see cref="EvtxStats.Diagnostics"/>).</summary>
    public IReadOnlyList<EvtxDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The record last read by <see cref="MoveNext"/>; the same instance is reused for every record.</summary>
    public EvtxRecord Current { get; }

    /// <summary>Chunks read so far (including bad and zeroed ones).</summary>
    public int ChunksSeen => _nextChunk;

    internal EvtxReadOptions Options => _options;

    /// <summary>The parse and render state of the current chunk (tests compare its renderers).</summary>
    internal ChunkProcessor Processor => _proc;

    void Report(EvtxDiagnostic d)
    {
        if (d.Kind == EvtxDiagnosticKind.FileHeader) Stats.Diagnostics++;
        if (_diagnostics.Count < Limits.MaxDiagnosticsKept) _diagnostics.Add(d);
        _options.OnDiagnostic?.Invoke(d);
    }

    internal void ReportRenderFailure(Exception e)
    {
        Stats.RecordsRead--;
        if (_proc.Carved) Stats.RecordsCarved--;
        _proc.RenderFailed(e);
    }

    /// <summary>Advances to the next record; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        while (!_done)
        {
            if (_inChunk && _proc.MoveNext())
            {
                Stats.RecordsRead++;
                if (_proc.Carved) Stats.RecordsCarved++;
                return true;
            }
            _inChunk = NextChunk();
        }
        return false;
    }

    /// <summary>Reads the next raw chunk for the parallel pipeline (which parses it elsewhere).</summary>
    internal bool TryReadChunk(byte[] into, out int length, out int index, out long offset)
    {
        length = 0;
        index = _nextChunk;
        offset = _position;
        if (_done || _nextChunk >= Limits.MaxChunks) return false;
        var n = _stream.ReadAtLeast(into, into.Length, throwOnEndOfStream: false);
        Stats.BytesRead += n;
        _position += n;
        if (n < into.Length) _done = true;
        if (n == 0) return false;
        if (n < into.Length) Array.Clear(into, n, into.Length - n);
        length = n;
        _nextChunk++;
        return true;
    }

    /// <summary>Adds a chunk parsed elsewhere: its stats and, in order, its diagnostics.</summary>
    internal void AddChunkResult(EvtxStats chunkStats, List<EvtxDiagnostic> diagnostics)
    {
        var bytes = Stats.BytesRead;
        Stats.Add(chunkStats);
        Stats.BytesRead = bytes;
        foreach (var d in diagnostics) Report(d);
    }

    bool NextChunk()
    {
        if (_nextChunk >= Limits.MaxChunks)
        {
            _done = true;
            return false;
        }
        var n = _stream.ReadAtLeast(_chunk, _chunk.Length, throwOnEndOfStream: false);
        Stats.BytesRead += n;
        var offset = _position;
        _position += n;
        if (n == 0)
        {
            _done = true;
            return false;
        }
        if (n < _chunk.Length)
        {
            _done = true;
            Array.Clear(_chunk, n, _chunk.Length - n);
        }
        var index = _nextChunk++;
        return _proc.Begin(Path, _chunk, n, index, offset, Stats, _report, _options.Carve);
    }

    /// <summary>Reads the next record into <paramref name="into"/> (cleared first); false at the end of the file.</summary>
    public bool TryReadNext(EventFields into)
    {
        while (MoveNext())
            if (Current.TryFill(into)) return true;
        return false;
    }

    /// <summary>Every record in file order. The yielded <see cref="EvtxRecord"/> is reused: copy what you keep.</summary>
    public IEnumerable<EvtxRecord> Records()
    {
        while (MoveNext()) yield return Current;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsStream) _stream.Dispose();
        t_spare ??= (_proc, _chunk);
    }
}
