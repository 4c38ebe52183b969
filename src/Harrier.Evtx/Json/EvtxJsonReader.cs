using System.IO.Compression;
using System.Text.Json;
using Harrier.Evtx.Events;

namespace Harrier.Evtx.Json;

/// <summary>
/// Streams events out of evtx_dump-layout JSON: JSON Lines (one object per line, as written by
/// <c>evtx_dump -o jsonl</c>) or concatenated, pretty-printed objects (as in SigmaHQ's
/// regression_data <c>.json</c> files). Gzip input is detected by its magic bytes.
/// Each event is flattened into a caller-owned, reused <see cref="EventFields"/> by the rules
/// in that type's documentation (see <see cref="EvtxJsonFlattener"/>).
/// </summary>
/// <remarks>
/// An event that is not valid JSON, or is not an <c>{"Event": {...}}</c> object, is recorded in
/// <see cref="Errors"/> with file and line and skipped; reading goes on with the next event.
/// Memory is bounded by the largest single event.
/// </remarks>
public sealed partial class EvtxJsonReader : IDisposable
{
    /// <summary>Errors kept in <see cref="Errors"/>; later ones are only counted.</summary>
    public const int MaxKeptErrors = 10_000;

    /// <summary>An event larger than this is reported and skipped.</summary>
    public const int MaxEventBytes = 64 * 1024 * 1024;

    readonly Stream _stream;
    readonly bool _leaveOpen;
    readonly List<EvtxJsonError> _errors = [];
    readonly EvtxJsonFlattener _flattener = new();
    byte[] _buffer = new byte[64 * 1024];
    int _start;   // first unconsumed byte
    int _end;     // end of valid data
    bool _eof;
    long _line = 1; // line number of _buffer[_start]

    public EvtxJsonReader(Stream stream, string fileName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FileName = fileName;
        _leaveOpen = leaveOpen;
        _stream = WrapGzip(stream);
    }

    /// <summary>Opens a .json / .jsonl file, gzip-compressed or not.</summary>
    public static EvtxJsonReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path);

    public string FileName { get; }

    /// <summary>Events returned by <see cref="Read"/> so far.</summary>
    public long EventsRead { get; private set; }

    /// <summary>Events skipped because they could not be read.</summary>
    public long EventsFailed { get; private set; }

    /// <summary>The first <see cref="MaxKeptErrors"/> errors, in file order.</summary>
    public IReadOnlyList<EvtxJsonError> Errors => _errors;

    /// <summary>Line on which the event last returned by <see cref="Read"/> starts.</summary>
    public long CurrentLine { get; private set; }

    /// <summary>
    /// Reads the next event into <paramref name="fields"/> (cleared first).
    /// Returns false at the end of the input.
    /// </summary>
    public bool Read(EventFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        while (TryNextObject(out var start, out var length, out var line))
        {
            fields.Clear();
            var json = _buffer.AsSpan(start, length);
            if (_flattener.TryFlatten(json, fields, out var reason, out var lineInEvent))
            {
                CurrentLine = line;
                EventsRead++;
                return true;
            }
            Fail(line + lineInEvent, reason);
        }
        fields.Clear();
        return false;
    }

    void Fail(long line, string reason)
    {
        EventsFailed++;
        if (_errors.Count < MaxKeptErrors) _errors.Add(new EvtxJsonError(FileName, line, reason));
    }

    static Stream WrapGzip(Stream stream)
    {
        // Only a seekable stream can be sniffed; callers pass non-seekable gzip input already unwrapped.
        if (!stream.CanSeek) return stream;
        Span<byte> magic = stackalloc byte[2];
        var n = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Seek(-n, SeekOrigin.Current);
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
