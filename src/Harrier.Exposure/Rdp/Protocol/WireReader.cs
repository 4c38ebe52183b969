using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Harrier.Exposure.Rdp.Protocol;

/// <summary>A bounds-checked cursor over a received message; every read goes through <see cref="Take"/>.</summary>
ref struct WireReader(ReadOnlySpan<byte> data)
{
    readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }
    public readonly int Remaining => _data.Length - Position;

    public byte ReadByte(string what) => Take(1, what)[0];
    public ushort ReadUInt16LittleEndian(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));
    public ushort ReadUInt16BigEndian(string what) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, what));
    public uint ReadUInt32LittleEndian(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));
    public long ReadInt64LittleEndian(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));
    public ReadOnlySpan<byte> ReadBytes(int count, string what) => Take(count, what);

    public void Seek(int position, string what)
    {
        if ((uint)position > (uint)_data.Length) Throw(what, position - Position);
        Position = position;
    }

    ReadOnlySpan<byte> Take(int count, string what)
    {
        if ((uint)count > (uint)Remaining) Throw(what, count);
        var s = _data.Slice(Position, count);
        Position += count;
        return s;
    }

    [DoesNotReturn]
    readonly void Throw(string what, int count) =>
        throw new RdpProtocolException($"truncated {what}: needs {count} bytes, {Remaining} left", Position);
}
