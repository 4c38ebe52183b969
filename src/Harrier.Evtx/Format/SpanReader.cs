using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harrier.Evtx.Format;

/// <summary>
/// Little-endian cursor over a chunk. Positions are chunk-relative (BinXml offsets point into the
/// chunk); every read is checked against <see cref="End"/> through one bounds check.
/// </summary>
internal ref struct SpanReader
{
    readonly ReadOnlySpan<byte> _data;
    int _pos;
    readonly int _end;

    public SpanReader(ReadOnlySpan<byte> data, int position, int end)
    {
        _data = data;
        _pos = position;
        _end = Math.Min(end, data.Length);
    }

    public readonly int Position => _pos;
    public readonly int End => _end;
    public readonly int Remaining => _end - _pos;
    public readonly ReadOnlySpan<byte> Data => _data;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Need(int count)
    {
        if ((uint)count > (uint)(_end - _pos)) Throw.Truncated(_pos, count, _end - _pos);
    }

    public void Seek(int position)
    {
        if ((uint)position > (uint)_end) Throw.Format(position, "seek past the end of the data");
        _pos = position;
    }

    public void Skip(int count)
    {
        Need(count);
        _pos += count;
    }

    public byte PeekByte()
    {
        Need(1);
        return _data[_pos];
    }

    public byte ReadByte()
    {
        Need(1);
        return _data[_pos++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var v = BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice(_pos));
        _pos += 2;
        return v;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(_pos));
        _pos += 4;
        return v;
    }

    public ulong ReadUInt64()
    {
        Need(8);
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_pos));
        _pos += 8;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    /// <summary>UTF-16LE text of <paramref name="chars"/> code units.</summary>
    public ReadOnlySpan<char> ReadChars(int chars) => MemoryMarshal.Cast<byte, char>(ReadBytes(chars * 2));
}
