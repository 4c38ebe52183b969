using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

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

    /// <summary>A table read in place from a mapped file (<see cref="CacheReader.Table{T}"/>): its count, then its items aligned to their size.</summary>
    public unsafe void Table<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        Int(values.Length);
        Align(sizeof(T));
        MemoryMarshal.AsBytes(values).CopyTo(Take(values.Length * sizeof(T)));
    }

    /// <summary>Zeros up to the next multiple of <paramref name="size"/> bytes from the payload's start (which the file aligns to 8).</summary>
    public void Align(int size) => Take((size - Length % size) % size).Clear();

    /// <summary>Overwrites the number written at <paramref name="position"/> (a placeholder filled in once known).</summary>
    public void PatchInt(int position, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position, 4), value);
}

/// <summary>
/// Reads what <see cref="CacheWriter"/> wrote, from a mapped cache file (<see cref="CacheMapping"/>: the automata's tables
/// are used in place, see <see cref="Table{T}"/>) or from an array (tables copied). Any inconsistency throws
/// <see cref="InvalidDataException"/>.
/// </summary>
internal sealed unsafe class CacheReader
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly CacheMapping? _mapping;
    readonly byte[]? _array;
    readonly long _start;
    readonly long _end;
    long _position;

    /// <summary>Reads the <paramref name="length"/> bytes at <paramref name="start"/> of the mapped file.</summary>
    public CacheReader(CacheMapping mapping, long start, long length)
    {
        if (start < 0 || length < 0 || start + length > mapping.Length) throw new ArgumentOutOfRangeException(nameof(length));
        _mapping = mapping;
        _start = _position = start;
        _end = start + length;
    }

    public CacheReader(byte[] payload)
    {
        _array = payload;
        _end = payload.Length;
    }

    /// <summary>A reader of the same bytes from <paramref name="position"/> (one of this reader's positions) on.</summary>
    CacheReader(CacheReader other, long position)
    {
        _mapping = other._mapping;
        _array = other._array;
        _start = other._start;
        _end = other._end;
        _position = position;
    }

    long Left => _end - _position;

    public bool AtEnd => Left == 0;

    public long Position => _position;

    public CacheReader At(long position) =>
        position >= _start && position <= _end ? new CacheReader(this, position) : throw new InvalidDataException("compiled-rule cache: bad position");

    ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > Left) throw new InvalidDataException("compiled-rule cache: truncated");
        var at = _position;
        _position += count;
        return _mapping is not null ? _mapping.Bytes(at, count) : _array.AsSpan((int)at, count);
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => Take(count);

    /// <summary>Skips the padding <see cref="CacheWriter.Align"/> wrote.</summary>
    void Align(int size)
    {
        var pad = (int)((size - (_position - _start) % size) % size);
        Take(pad);
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

    public int[] Ints() => MemoryMarshal.Cast<byte, int>(Take(checked(Count() * 4))).ToArray();

    public ushort[] UShorts() => MemoryMarshal.Cast<byte, ushort>(Take(checked(Count() * 2))).ToArray();

    /// <summary>A table <see cref="CacheWriter.Table{T}"/> wrote: in place when the file is mapped, else copied.</summary>
    public Table<T> Table<T>() where T : unmanaged
    {
        var count = Count();
        Align(sizeof(T));
        var at = _position;
        var bytes = Take(checked(count * sizeof(T)));
        return _mapping is not null ? new Table<T>(_mapping, at, count) : new Table<T>(MemoryMarshal.Cast<byte, T>(bytes));
    }
}
