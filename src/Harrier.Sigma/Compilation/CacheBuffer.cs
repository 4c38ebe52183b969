using System.Buffers.Binary;
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

/// <summary>Reads what <see cref="CacheWriter"/> wrote; any inconsistency throws <see cref="InvalidDataException"/>.</summary>
internal sealed class CacheReader(byte[] data, int start, int length)
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    int _position = start;
    readonly int _end = start + length;

    public bool AtEnd => _position == _end;

    ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_end - _position)) throw new InvalidDataException("compiled-rule cache: truncated");
        var span = data.AsSpan(_position, count);
        _position += count;
        return span;
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
        return n >= 0 && n <= max && n <= _end - _position ? n : throw new InvalidDataException("compiled-rule cache: bad count");
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

    void Bulk(Array values, int bytes)
    {
        if ((uint)bytes > (uint)(_end - _position)) throw new InvalidDataException("compiled-rule cache: truncated");
        Buffer.BlockCopy(data, _position, values, 0, bytes);
        _position += bytes;
    }
}
