using System.Text;

namespace Harrier.Sigma.Modifiers;

// base64 / base64offset / wide (utf16le) / utf16be / utf16
internal sealed partial class ItemCompiler
{
    void SetEncoding(TextEncoding encoding)
    {
        RequirePatterns("utf16");
        _encoding = encoding;
    }

    byte[] Bytes(SigmaPattern p, string modifier)
    {
        if (p.HasWildcards) Fail($"'{modifier}' cannot encode wildcards");
        var text = p.LiteralText;
        return _encoding switch
        {
            TextEncoding.Utf16Le => Encoding.Unicode.GetBytes(text),
            TextEncoding.Utf16Be => Encoding.BigEndianUnicode.GetBytes(text),
            TextEncoding.Utf16Bom => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    void ApplyBase64()
    {
        RequirePatterns("base64");
        _patterns = _patterns.Select(p => SigmaPattern.Literal(Convert.ToBase64String(Bytes(p, "base64")))).ToList();
        _encoding = TextEncoding.Utf8;
    }

    /// <summary>
    /// The three encodings of the value at byte offsets 0, 1, 2 inside a longer base64 text, with the
    /// characters that depend on unknown neighbouring bytes cut off (pySigma's slicing: start
    /// (0, 2, 3), end (none, −3, −2) chosen by (length + offset) mod 3).
    /// </summary>
    void ApplyBase64Offset()
    {
        RequirePatterns("base64offset");
        int[] start = [0, 2, 3];
        int[] endCut = [0, 3, 2];
        var result = new List<SigmaPattern>();
        foreach (var p in _patterns)
        {
            var bytes = Bytes(p, "base64offset");
            for (var i = 0; i < 3; i++)
            {
                var padded = new byte[i + bytes.Length];
                padded.AsSpan(0, i).Fill((byte)' ');
                bytes.CopyTo(padded, i);
                var b64 = Convert.ToBase64String(padded);
                var end = b64.Length - endCut[(bytes.Length + i) % 3];
                if (end > start[i]) result.Add(SigmaPattern.Literal(b64[start[i]..end]));
            }
        }
        _patterns = result;
        _encoding = TextEncoding.Utf8;
    }
}
