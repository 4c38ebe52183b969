namespace Harrier.Hunting.Inputs;

/// <summary>
/// Presents one segment of an EVTX file as a file of its own: the 4 KiB file header followed by chunks
/// [start, end). Lets several workers read one large file at once, each with its own reader.
/// </summary>
internal sealed class SegmentStream : Stream
{
    public const int HeaderSize = 4096;

    readonly FileStream _file;
    readonly long _start;
    readonly long _end;
    long _position;

    public SegmentStream(string path, long start, long end)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1); // unbuffered: reads whole chunks
        _start = start;
        _end = Math.Min(end, _file.Length);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => HeaderSize + (_end - _start);
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>Maps an offset within this view back to the offset in the whole file.</summary>
    public static long ToFileOffset(long start, long viewOffset) => viewOffset < HeaderSize ? viewOffset : start + (viewOffset - HeaderSize);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length || buffer.IsEmpty) return 0;
        var fileOffset = ToFileOffset(_start, _position);
        var limit = _position < HeaderSize ? HeaderSize - _position : Length - _position;
        var want = (int)Math.Min(buffer.Length, limit);
        _file.Position = fileOffset;
        var n = _file.Read(buffer[..want]);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
