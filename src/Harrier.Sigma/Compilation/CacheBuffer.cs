using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Harrier.Sigma.Compilation;

/// <summary>Appends little-endian numbers, length-prefixed UTF-8 strings and bulk arrays (the compiled-rule cache's encoding).</summary>
internal sealed class CacheWriter
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    byte[] _buffer = new byte[1 << 16];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(Length + count, _buffer.Length * 2));
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void Byte(byte value) => Take(1)[0] = value;

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void Long(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void Double(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    /// <summary>A string (−1 for null); strict UTF-8, so a lone surrogate throws <see cref="EncoderFallbackException"/>.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Int(-1);
            return;
        }
        var count = StrictUtf8.GetByteCount(value);
        Int(count);
        StrictUtf8.GetBytes(value, Take(count));
    }

    public void Ints(ReadOnlySpan<int> values)
    {
        Int(values.Length);
        MemoryMarshal.AsBytes(values).CopyTo(Take(values.Length * 4));
    }

    public void UShorts(ReadOnlySpan<ushort> values)
    {
        Int(values.Length);
        MemoryMarshal.AsBytes(values).CopyTo(Take(values.Length * 2));
    }
}

/// <summary>
/// Reads what <see cref="CacheWriter"/> wrote, from a stream through one small buffer (a 13 MB cache is not held in
/// memory twice: bulk arrays are filled from the buffer as it streams), appending every byte read to
/// <paramref name="checksum"/> when given. Any inconsistency throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class CacheReader(Stream stream, long length, XxHash128? checksum = null)
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    byte[] _buffer = new byte[1 << 16];
    int _position;
    int _filled;
    long _unread = length; // payload bytes still in the stream

    long Left => _unread + _filled - _position;

    public bool AtEnd => Left == 0;

    /// <summary>Makes the next <paramref name="count"/> bytes contiguous in the buffer.</summary>
    ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > Left) throw new InvalidDataException("compiled-rule cache: truncated");
        if (_filled - _position < count)
        {
            var kept = _filled - _position;
            if (count > _buffer.Length) Array.Resize(ref _buffer, count);
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, kept);
            _position = 0;
            _filled = kept;
            Fill(count);
        }
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads from the stream (as much as the buffer holds) until at least <paramref name="count"/> bytes are buffered.</summary>
    void Fill(int count)
    {
        while (_filled < count) // the caller checked that the payload holds them
        {
            var want = (int)Math.Min(_buffer.Length - _filled, _unread);
            stream.ReadExactly(_buffer, _filled, want);
            checksum?.Append(_buffer.AsSpan(_filled, want));
            _filled += want;
            _unread -= want;
        }
    }

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        _ => throw new InvalidDataException("compiled-rule cache: bad boolean"),
    };

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>
    /// A count or index: 0 ≤ n ≤ <paramref name="max"/>, and no more than the bytes left (every counted item takes at
    /// least one), so a damaged count cannot make a reader allocate more than the file's size.
    /// </summary>
    public int Count(int max = int.MaxValue)
    {
        var n = Int();
        return n >= 0 && n <= max && n <= Left ? n : throw new InvalidDataException("compiled-rule cache: bad count");
    }

    /// <summary>An index or a number that counts nothing in the stream: 0 ≤ n ≤ <paramref name="max"/>.</summary>
    public int Index(int max = int.MaxValue)
    {
        var n = Int();
        return n >= 0 && n <= max ? n : throw new InvalidDataException("compiled-rule cache: bad index");
    }

    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string? NullableString()
    {
        var n = Int();
        return n == -1 ? null : StrictUtf8.GetString(Take(n >= 0 ? n : throw new InvalidDataException("compiled-rule cache: bad string")));
    }

    public string String() => NullableString() ?? throw new InvalidDataException("compiled-rule cache: unexpected null");

    public int[] Ints()
    {
        var values = new int[Count()];
        Bulk(values, values.Length * 4);
        return values;
    }

    public ushort[] UShorts()
    {
        var values = new ushort[Count()];
        Bulk(values, values.Length * 2);
        return values;
    }

    /// <summary>Fills an array of numbers from the stream, a buffer at a time.</summary>
    void Bulk(Array values, int bytes)
    {
        if ((uint)bytes > Left) throw new InvalidDataException("compiled-rule cache: truncated");
        for (var done = 0; done < bytes;)
        {
            if (_position == _filled)
            {
                _position = _filled = 0;
                Fill(1);
            }
            var n = Math.Min(bytes - done, _filled - _position);
            Buffer.BlockCopy(_buffer, _position, values, done, n);
            _position += n;
            done += n;
        }
    }
}
