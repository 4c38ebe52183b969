namespace Harrier.Evtx.Rendering;

/// <summary>A reusable growable char buffer (text concatenation, flattened values).</summary>
internal sealed class CharBuffer
{
    char[] _buf = new char[1024];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _buf.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public ReadOnlySpan<char> Slice(int start) => _buf.AsSpan(start, Length - start);

    public void Append(string text) => Append(text.AsSpan());

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _buf.Length)
        {
            if (Length + text.Length > Limits.MaxRenderedBytes) throw new EvtxFormatException(0, "text value too long");
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, Length + text.Length));
        }
        text.CopyTo(_buf.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(char c) => Append([c]);
}

/// <summary>Text of XML's predefined entities.</summary>
internal static class Entities
{
    public static string? Text(string name) => name switch
    {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => null,
    };
}
