using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// A growable UTF-8 output buffer on pooled arrays, with the JSON and XML escapers the renderers use.
/// One per worker; <see cref="Clear"/> keeps the storage.
/// </summary>
public sealed class Utf8Buffer : IDisposable
{
    static readonly SearchValues<char> JsonSpecial = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");
    static readonly SearchValues<char> XmlSpecial = SearchValues.Create("&<>\"'");

    byte[] _buf;
    int _len;

    public Utf8Buffer(int capacity = 1 << 16) => _buf = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length => _len;

    public ReadOnlySpan<byte> Written => _buf.AsSpan(0, _len);

    public ReadOnlyMemory<byte> WrittenMemory => _buf.AsMemory(0, _len);

    public void Clear() => _len = 0;

    /// <summary>Drops the bytes written after <paramref name="length"/> (to undo a failed record).</summary>
    public void Truncate(int length) => _len = length;

    public override string ToString() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        if (_buf.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void Grow(int needed)
    {
        if ((long)_len + needed > Limits.MaxRenderedBytes + (long)_buf.Length)
            throw new EvtxFormatException(0, $"rendered output exceeds {Limits.MaxRenderedBytes} bytes");
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buf.Length * 2, _len + needed));
        _buf.AsSpan(0, _len).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_buf.Length - _len < size) Grow(size);
        return _buf.AsSpan(_len);
    }

    public void Advance(int count) => _len += count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte b)
    {
        if (_len == _buf.Length) Grow(1);
        _buf[_len++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buf.Length - _len < bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    /// <summary>ASCII-only text (numbers, GUIDs, dates) written as bytes.</summary>
    public void WriteAscii(ReadOnlySpan<char> text)
    {
        if (_buf.Length - _len < text.Length) Grow(text.Length);
        var dest = _buf.AsSpan(_len);
        for (var i = 0; i < text.Length; i++) dest[i] = (byte)text[i];
        _len += text.Length;
    }

    /// <summary>UTF-16 text as UTF-8, unpaired surrogates replaced by U+FFFD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteUtf16(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var span = GetSpan(text.Length * 3 + 4);
            Utf8.FromUtf16(text, span, out var read, out var written, replaceInvalidSequences: true);
            _len += written;
            if (read == text.Length) return;
            text = text[read..];
        }
    }

    /// <summary>A JSON string body (no quotes) with the escapes JSON requires.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteJsonEscaped(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var i = text.IndexOfAny(JsonSpecial);
            if (i < 0)
            {
                WriteUtf16(text);
                return;
            }
            WriteUtf16(text[..i]);
            var c = text[i];
            switch (c)
            {
                case '"': Write("\\\""u8); break;
                case '\\': Write("\\\\"u8); break;
                case '\n': Write("\\n"u8); break;
                case '\r': Write("\\r"u8); break;
                case '\t': Write("\\t"u8); break;
                case '\b': Write("\\b"u8); break;
                case '\f': Write("\\f"u8); break;
                default:
                    Write("\\u00"u8);
                    Write((byte)"0123456789abcdef"[c >> 4]);
                    Write((byte)"0123456789abcdef"[c & 15]);
                    break;
            }
            text = text[(i + 1)..];
        }
    }

    /// <summary>XML character data or attribute text with &amp; &lt; &gt; &quot; &apos; escaped.</summary>
    public void WriteXmlEscaped(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var i = text.IndexOfAny(XmlSpecial);
            if (i < 0)
            {
                WriteUtf16(text);
                return;
            }
            WriteUtf16(text[..i]);
            Write(text[i] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '"' => "&quot;"u8,
                _ => "&apos;"u8,
            });
            text = text[(i + 1)..];
        }
    }
}
