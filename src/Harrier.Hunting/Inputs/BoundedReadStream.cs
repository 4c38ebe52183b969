namespace Harrier.Hunting.Inputs;

/// <summary>
/// A read-only stream that fails once more than <c>limit</c> bytes come out of the inner stream (a zip member
/// whose header lies about its size), and disposes extra owners (the archive and its file) with itself.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string name, params IDisposable[] owners) : Stream
{
    long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > limit) throw new InvalidDataException($"{name}: decompressed past its declared/allowed size of {limit} bytes (zip bomb?)");
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            foreach (var o in owners) o.Dispose();
        }
        base.Dispose(disposing);
    }
}
