using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Harrier.Exposure.Ad;

/// <summary>Binary SIDs (MS-DTYP 2.4.2.2) to their S-1-… string form.</summary>
static class Sids
{
    const int MaxSubAuthorities = 15;

    public static string? ToText(ReadOnlySpan<byte> sid)
    {
        if (sid.Length < 8 || sid[0] != 1) return null;
        int count = sid[1];
        if (count > MaxSubAuthorities || sid.Length < 8 + 4 * count) return null;
        ulong authority = 0;
        for (int i = 2; i < 8; i++) authority = (authority << 8) | sid[i];
        var sb = new StringBuilder("S-1-").Append(authority.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < count; i++)
            sb.Append('-').Append(BinaryPrimitives.ReadUInt32LittleEndian(sid[(8 + 4 * i)..]).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
