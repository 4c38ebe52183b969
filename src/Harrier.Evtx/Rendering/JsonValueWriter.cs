using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Harrier.Evtx.BinXml;
using T = Harrier.Evtx.BinXml.BinXmlValueType;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Writes a BinXml value straight to UTF-8 JSON, byte for byte as <see cref="JsonRenderer"/> renders
/// it through <see cref="ValueFormatter"/>: the common types (strings, integers, hex integers,
/// FILETIMEs, GUIDs) on fast paths without a UTF-16 detour, every other type through the formatter.
/// </summary>
internal sealed class JsonValueWriter
{
    readonly ValueFormatter _fmt = new();

    /// <summary>A value as a JSON value: <c>null</c>, a number/boolean literal, a string or an array of those.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(Utf8Buffer o, byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        if (type == T.Null)
        {
            o.Write("null"u8);
            return;
        }
        if ((type & T.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~T.ArrayBit);
            o.Write((byte)'[');
            var first = true;
            foreach (var item in ValueFormatter.Items(itemType, bytes))
            {
                if (!first) o.Write((byte)',');
                first = false;
                WriteScalar(o, itemType, item, false);
            }
            o.Write((byte)']');
            return;
        }
        WriteScalar(o, type, bytes, fullPrecision);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteScalar(Utf8Buffer o, byte type, ReadOnlySpan<byte> b, bool fullPrecision)
    {
        switch (type)
        {
            case T.String:
                WriteString(o, b);
                return;
            case T.UInt8 when b.Length >= 1: Number(o, b[0]); return;
            case T.UInt16 when b.Length >= 2: Number(o, BinaryPrimitives.ReadUInt16LittleEndian(b)); return;
            case T.UInt32 when b.Length >= 4: Number(o, BinaryPrimitives.ReadUInt32LittleEndian(b)); return;
            case T.UInt64 when b.Length >= 8: Number(o, BinaryPrimitives.ReadUInt64LittleEndian(b)); return;
            case T.Int8 when b.Length >= 1: Number(o, (sbyte)b[0]); return;
            case T.Int16 when b.Length >= 2: Number(o, BinaryPrimitives.ReadInt16LittleEndian(b)); return;
            case T.Int32 when b.Length >= 4: Number(o, BinaryPrimitives.ReadInt32LittleEndian(b)); return;
            case T.Int64 when b.Length >= 8: Number(o, BinaryPrimitives.ReadInt64LittleEndian(b)); return;
            case T.HexInt32 when b.Length >= 4: Hex(o, BinaryPrimitives.ReadUInt32LittleEndian(b)); return;
            case T.HexInt64 when b.Length >= 8: Hex(o, BinaryPrimitives.ReadUInt64LittleEndian(b)); return;
            case T.SizeT when b.Length == 4: Hex(o, BinaryPrimitives.ReadUInt32LittleEndian(b)); return;
            case T.SizeT when b.Length >= 8: Hex(o, BinaryPrimitives.ReadUInt64LittleEndian(b)); return;
            case T.FileTime when b.Length >= 8: FileTime(o, BinaryPrimitives.ReadInt64LittleEndian(b), fullPrecision ? 7 : 6); return;
            case T.Guid when b.Length >= 16: Guid(o, b); return;
        }
        // Everything else as the tree renderer does it: formatter text, quoted unless a JSON literal.
        var text = _fmt.Format(type, b, fullPrecision);
        if (ValueFormatter.IsJsonLiteral(type))
        {
            o.WriteAscii(text);
            return;
        }
        o.Write((byte)'"');
        o.WriteJsonEscaped(text);
        o.Write((byte)'"');
    }

    /// <summary>A UTF-16LE string value without its trailing NULs, quoted and escaped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteString(Utf8Buffer o, ReadOnlySpan<byte> b)
    {
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(b[..(b.Length & ~1)]);
        var end = chars.Length;
        while (end > 0 && chars[end - 1] == '\0') end--;
        o.Write((byte)'"');
        o.WriteJsonEscaped(chars[..end]);
        o.Write((byte)'"');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Number<TNum>(Utf8Buffer o, TNum v) where TNum : IUtf8SpanFormattable
    {
        var span = o.GetSpan(24);
        v.TryFormat(span, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        o.Advance(n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Hex(Utf8Buffer o, ulong v)
    {
        var span = o.GetSpan(20);
        span[0] = (byte)'"';
        span[1] = (byte)'0';
        span[2] = (byte)'x';
        Utf8Formatter.TryFormat(v, span[3..], out var n, new StandardFormat('x'));
        span[3 + n] = (byte)'"';
        o.Advance(n + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Guid(Utf8Buffer o, ReadOnlySpan<byte> b)
    {
        var span = o.GetSpan(40);
        span[0] = (byte)'"';
        new System.Guid(b[..16]).TryFormat(span[1..], out var n, "D");
        for (var i = 1; i <= n; i++)
            if (span[i] >= (byte)'a') span[i] -= 'a' - 'A';
        span[n + 1] = (byte)'"';
        o.Advance(n + 2);
    }

    const long TicksTo1601 = 504911232000000000L;

    /// <summary>As <see cref="ValueFormatter.FormatFileTime"/>, quoted: <c>"yyyy-MM-ddTHH:mm:ss.fffffff(f)Z"</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void FileTime(Utf8Buffer o, long fileTime, int digits)
    {
        if (fileTime < 0 || fileTime > DateTime.MaxValue.Ticks - TicksTo1601) fileTime = 0;
        var t = new DateTime(fileTime + TicksTo1601, DateTimeKind.Utc);
        var (date, _) = t;
        date.Deconstruct(out var year, out var month, out var day);
        var inDay = (fileTime + TicksTo1601) % TimeSpan.TicksPerDay;
        var seconds = (int)(inDay / TimeSpan.TicksPerSecond);
        var frac = (int)(fileTime % 10_000_000);
        if (digits == 6) frac /= 10;
        var s = o.GetSpan(32);
        s[0] = (byte)'"';
        Digits(s.Slice(1, 4), year);
        s[5] = (byte)'-';
        Digits(s.Slice(6, 2), month);
        s[8] = (byte)'-';
        Digits(s.Slice(9, 2), day);
        s[11] = (byte)'T';
        Digits(s.Slice(12, 2), seconds / 3600);
        s[14] = (byte)':';
        Digits(s.Slice(15, 2), seconds / 60 % 60);
        s[17] = (byte)':';
        Digits(s.Slice(18, 2), seconds % 60);
        s[20] = (byte)'.';
        Digits(s.Slice(21, digits), frac);
        s[21 + digits] = (byte)'Z';
        s[22 + digits] = (byte)'"';
        o.Advance(23 + digits);
    }

    /// <summary>Writes <paramref name="v"/> (non-negative, fits) zero-padded into exactly <c>d.Length</c> digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Digits(Span<byte> d, int v)
    {
        for (var i = d.Length - 1; i >= 0; i--)
        {
            var q = v / 10;
            d[i] = (byte)('0' + (v - q * 10));
            v = q;
        }
    }
}
