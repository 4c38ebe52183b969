using System.Buffers.Binary;
using System.Numerics;

namespace Harrier.Sigma.Loading;

/// <summary>
/// CRC-32C of a cache payload, fed in pieces of any size (the value does not depend on how the bytes were split): it
/// detects a damaged or truncated file; what a cache is for is decided by its XXH3-128 keys. The CPU's CRC instruction
/// (<see cref="BitOperations.Crc32C(uint, ulong)"/>) checks 13 MB in a few milliseconds, with no code to compile at
/// run time (SHA-256 took 24 ms; XXH128's vectorised loops were compiled at first use).
/// </summary>
internal sealed class CacheChecksum
{
    uint _crc = uint.MaxValue;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        _crc = crc;
    }

    public uint Value => ~_crc;

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var c = new CacheChecksum();
        c.Append(data);
        return c.Value;
    }
}
