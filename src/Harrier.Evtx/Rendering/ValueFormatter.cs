using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Harrier.Evtx.BinXml;
using T = Harrier.Evtx.BinXml.BinXmlValueType;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Text of BinXml values as evtx_dump prints them: integers in decimal, HexInt/SizeT as minimal
/// lower-case <c>0x…</c>, GUIDs upper case without braces, binary as upper-case hex, SIDs as
/// <c>S-1-…</c>, FILETIME/SYSTEMTIME as ISO 8601 UTC. The returned span lives in a scratch buffer
/// that the next call overwrites.
/// </summary>
internal sealed class ValueFormatter
{
    char[] _scratch = new char[1024];

    /// <summary>Whether the type is a JSON number (integers and reals) or boolean rather than a string.</summary>
    public static bool IsJsonLiteral(byte type) => type is >= T.Int8 and <= T.Bool;

    static ReadOnlySpan<char> Utf16(ReadOnlySpan<byte> bytes)
    {
        var chars = MemoryMarshal.Cast<byte, char>(bytes[..(bytes.Length & ~1)]);
        var end = chars.Length;
        while (end > 0 && chars[end - 1] == '\0') end--;
        return chars[..end];
    }

    Span<char> Scratch(int size)
    {
        if (_scratch.Length < size) _scratch = new char[Math.Max(size, _scratch.Length * 2)];
        return _scratch;
    }

    /// <summary>
    /// Text of one scalar value. <paramref name="fullPrecision"/> prints FILETIMEs with all seven
    /// fractional digits (used for TimeCreated/@SystemTime); otherwise microseconds, as the peer does.
    /// </summary>
    public ReadOnlySpan<char> Format(byte type, ReadOnlySpan<byte> b, bool fullPrecision = false)
    {
        switch (type)
        {
            case T.Null: return default;
            case T.String: return Utf16(b);
            case T.AnsiString:
            {
                var end = b.IndexOf((byte)0);
                if (end >= 0) b = b[..end];
                var s = Scratch(b.Length);
                for (var i = 0; i < b.Length; i++) s[i] = (char)b[i];
                return s[..b.Length];
            }
        }
        // Room for the longest text per input byte: hex takes 2 chars a byte; a SID up to 21 chars for its 8-byte
        // header and 11 ("-4294967295") per 4-byte sub-authority. Fuzzing found a 255-sub-authority SID overflowing 2×.
        var d = Scratch(Math.Max(128, b.Length * 3 + 32));
        int n;
        switch (type)
        {
            case T.Int8 when b.Length >= 1: ((sbyte)b[0]).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.UInt8 when b.Length >= 1: b[0].TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.Int16 when b.Length >= 2: BinaryPrimitives.ReadInt16LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.UInt16 when b.Length >= 2: BinaryPrimitives.ReadUInt16LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.Int32 when b.Length >= 4: BinaryPrimitives.ReadInt32LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.UInt32 when b.Length >= 4: BinaryPrimitives.ReadUInt32LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.Int64 when b.Length >= 8: BinaryPrimitives.ReadInt64LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.UInt64 when b.Length >= 8: BinaryPrimitives.ReadUInt64LittleEndian(b).TryFormat(d, out n, default, CultureInfo.InvariantCulture); break;
            case T.Real32 when b.Length >= 4: n = FormatReal(BinaryPrimitives.ReadSingleLittleEndian(b), d); break;
            case T.Real64 when b.Length >= 8: n = FormatReal(BinaryPrimitives.ReadDoubleLittleEndian(b), d); break;
            case T.Bool when b.Length >= 1: n = BinaryPrimitives.ReadInt32LittleEndian(b.Length >= 4 ? b : [b[0], 0, 0, 0]) != 0 ? Copy("true", d) : Copy("false", d); break;
            case T.Binary:
            case T.EvtHandle:
            case T.EvtXml:
                n = Convert.TryToHexString(b, d, out var w) ? w : 0; break;
            case T.Guid when b.Length >= 16: n = FormatGuid(b, d); break;
            case T.SizeT when b.Length == 4: n = Hex(BinaryPrimitives.ReadUInt32LittleEndian(b), d); break;
            case T.SizeT when b.Length >= 8: n = Hex(BinaryPrimitives.ReadUInt64LittleEndian(b), d); break;
            case T.HexInt32 when b.Length >= 4: n = Hex(BinaryPrimitives.ReadUInt32LittleEndian(b), d); break;
            case T.HexInt64 when b.Length >= 8: n = Hex(BinaryPrimitives.ReadUInt64LittleEndian(b), d); break;
            case T.FileTime when b.Length >= 8: n = FormatFileTime(BinaryPrimitives.ReadInt64LittleEndian(b), d, fullPrecision ? 7 : 6); break;
            case T.SystemTime when b.Length >= 16: n = FormatSystemTime(b, d); break;
            case T.Sid: n = FormatSid(b, d); break;
            default:
                throw new EvtxFormatException(0, $"value of type 0x{type:x2} with {b.Length} bytes");
        }
        return d[..n];
    }

    static int Copy(string s, Span<char> d)
    {
        s.CopyTo(d);
        return s.Length;
    }

    internal static int Hex(ulong v, Span<char> d)
    {
        var digits = v == 0 ? 1 : (67 - BitOperations.LeadingZeroCount(v)) / 4;
        d[0] = '0';
        d[1] = 'x';
        HexDigits(d.Slice(2, digits), v, "0123456789abcdef");
        return digits + 2;
    }

    /// <summary>Writes the low <c>d.Length</c> hex digits of <paramref name="v"/> (by hand: format strings cost more than the value).</summary>
    static void HexDigits(Span<char> d, ulong v, string alphabet)
    {
        for (var i = d.Length - 1; i >= 0; i--)
        {
            d[i] = alphabet[(int)(v & 0xF)];
            v >>= 4;
        }
    }

    static int FormatReal(double v, Span<char> d)
    {
        if (!double.IsFinite(v)) return Copy("null", d);
        v.TryFormat(d, out var n, "R", CultureInfo.InvariantCulture);
        return n;
    }

    static int FormatReal(float v, Span<char> d) => FormatReal((double)v, d);

    /// <summary>GUID in the "D" layout, upper case: Data1-Data2-Data3 little-endian, then the last 8 bytes as they stand.</summary>
    internal static int FormatGuid(ReadOnlySpan<byte> b, Span<char> d)
    {
        const string upper = "0123456789ABCDEF";
        d = d[..36];
        HexDigits(d[..8], BinaryPrimitives.ReadUInt32LittleEndian(b), upper);
        d[8] = '-';
        HexDigits(d.Slice(9, 4), BinaryPrimitives.ReadUInt16LittleEndian(b[4..]), upper);
        d[13] = '-';
        HexDigits(d.Slice(14, 4), BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), upper);
        d[18] = '-';
        HexDigits(d.Slice(19, 4), BinaryPrimitives.ReadUInt16BigEndian(b[8..]), upper);
        d[23] = '-';
        HexDigits(d.Slice(24, 12), BinaryPrimitives.ReadUInt64BigEndian(b[8..]) & 0xFFFF_FFFF_FFFF, upper);
        return 36;
    }

    const long TicksTo1601 = 504911232000000000L; // DateTime ticks of 1601-01-01

    /// <summary>FILETIME as <c>yyyy-MM-ddTHH:mm:ss.f…Z</c> with <paramref name="digits"/> fractional digits (truncated).</summary>
    /// <remarks>Digits written by hand: a custom DateTime format string was a fifth of the flattening cost.</remarks>
    public static int FormatFileTime(long fileTime, Span<char> d, int digits)
    {
        if (fileTime < 0 || fileTime > DateTime.MaxValue.Ticks - TicksTo1601) fileTime = 0;
        var ticks = fileTime + TicksTo1601;
        var (date, _) = new DateTime(ticks, DateTimeKind.Utc);
        date.Deconstruct(out var year, out var month, out var day);
        var seconds = (int)(ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerSecond);
        var frac = (int)(fileTime % 10_000_000);
        if (digits == 6) frac /= 10;
        d = d[..(21 + digits)];
        Digits(d.Slice(0, 4), year);
        d[4] = '-';
        Digits(d.Slice(5, 2), month);
        d[7] = '-';
        Digits(d.Slice(8, 2), day);
        d[10] = 'T';
        Digits(d.Slice(11, 2), seconds / 3600);
        d[13] = ':';
        Digits(d.Slice(14, 2), seconds / 60 % 60);
        d[16] = ':';
        Digits(d.Slice(17, 2), seconds % 60);
        d[19] = '.';
        Digits(d.Slice(20, digits), frac);
        d[20 + digits] = 'Z';
        return 21 + digits;
    }

    /// <summary>Writes <paramref name="v"/> (non-negative, fits) zero-padded into exactly <c>d.Length</c> digits.</summary>
    static void Digits(Span<char> d, int v)
    {
        for (var i = d.Length - 1; i >= 0; i--)
        {
            var q = v / 10;
            d[i] = (char)('0' + (v - q * 10));
            v = q;
        }
    }

    static int FormatSystemTime(ReadOnlySpan<byte> b, Span<char> d)
    {
        // year, month, day of week, day, hour, minute, second, milliseconds
        Span<int> f = stackalloc int[8];
        for (var i = 0; i < 8; i++) f[i] = BinaryPrimitives.ReadUInt16LittleEndian(b[(i * 2)..]);
        var n = 0;
        n += Num(f[0], "D4", d[n..]);
        d[n++] = '-';
        n += Num(f[1], "D2", d[n..]);
        d[n++] = '-';
        n += Num(f[3], "D2", d[n..]);
        d[n++] = 'T';
        n += Num(f[4], "D2", d[n..]);
        d[n++] = ':';
        n += Num(f[5], "D2", d[n..]);
        d[n++] = ':';
        n += Num(f[6], "D2", d[n..]);
        d[n++] = '.';
        n += Num(f[7] * 1000, "D6", d[n..]);
        d[n++] = 'Z';
        return n;
    }

    static int Num(int v, string format, Span<char> d)
    {
        v.TryFormat(d, out var w, format, CultureInfo.InvariantCulture);
        return w;
    }

    /// <summary>SID: revision (1), sub-authority count (1), authority (6, big-endian), sub-authorities (4 each).</summary>
    public static int FormatSid(ReadOnlySpan<byte> b, Span<char> d)
    {
        if (b.Length < 8) throw new EvtxFormatException(0, $"SID of {b.Length} bytes");
        var count = b[1];
        if (b.Length < 8 + count * 4) throw new EvtxFormatException(0, $"SID with {count} sub-authorities in {b.Length} bytes");
        ulong authority = 0;
        for (var i = 2; i < 8; i++) authority = (authority << 8) | b[i];
        var n = Copy("S-", d);
        b[0].TryFormat(d[n..], out var w, default, CultureInfo.InvariantCulture);
        n += w;
        d[n++] = '-';
        authority.TryFormat(d[n..], out w, default, CultureInfo.InvariantCulture);
        n += w;
        for (var i = 0; i < count; i++)
        {
            d[n++] = '-';
            BinaryPrimitives.ReadUInt32LittleEndian(b[(8 + i * 4)..]).TryFormat(d[n..], out w, default, CultureInfo.InvariantCulture);
            n += w;
        }
        return n;
    }

    /// <summary>Splits an array value into items: NUL-terminated strings, fixed-size items, or consecutive SIDs.</summary>
    public static ArrayItems Items(byte itemType, ReadOnlySpan<byte> bytes) => new(itemType, bytes);

    internal ref struct ArrayItems
    {
        readonly byte _type;
        ReadOnlySpan<byte> _rest;
        int _count;

        public ArrayItems(byte type, ReadOnlySpan<byte> bytes)
        {
            _type = type;
            _rest = bytes;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_rest.IsEmpty || ++_count > Limits.MaxArrayItems) return false;
            int size;
            switch (_type)
            {
                case T.String:
                {
                    var chars = MemoryMarshal.Cast<byte, char>(_rest[..(_rest.Length & ~1)]);
                    var end = chars.IndexOf('\0');
                    Current = end < 0 ? _rest : _rest[..(end * 2)];
                    _rest = end < 0 ? default : _rest[((end + 1) * 2)..];
                    return true;
                }
                case T.AnsiString:
                {
                    var end = _rest.IndexOf((byte)0);
                    Current = end < 0 ? _rest : _rest[..end];
                    _rest = end < 0 ? default : _rest[(end + 1)..];
                    return true;
                }
                case T.Sid:
                    size = _rest.Length >= 8 ? 8 + _rest[1] * 4 : _rest.Length;
                    break;
                case T.SizeT:
                    size = 8;
                    break;
                default:
                    size = T.FixedSize(_type);
                    if (size == 0) size = _rest.Length;
                    break;
            }
            if (size > _rest.Length) throw new EvtxFormatException(0, $"array item of {size} bytes with {_rest.Length} left");
            Current = _rest[..size];
            _rest = _rest[size..];
            return true;
        }

        public readonly ArrayItems GetEnumerator() => this;
    }
}
