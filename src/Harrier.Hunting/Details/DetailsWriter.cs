using System.Text;

namespace Harrier.Hunting.Details;

/// <summary>
/// Builds one Details line. Event values are appended through <see cref="AppendValue"/>, which keeps the line
/// on one line and inert: CR, LF, tab and other control characters become visible escapes
/// (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\xNN</c>) and runs of whitespace from XML indentation are kept as escapes
/// too, so nothing is lost.
/// </summary>
public sealed class DetailsWriter
{
    readonly StringBuilder _sb = new(256);

    public int Length => _sb.Length;

    public void Clear() => _sb.Clear();

    public void Truncate(int length) => _sb.Length = length;

    /// <summary>Appends trusted text (labels, code words).</summary>
    public void Append(string text) => _sb.Append(text);

    /// <summary>Appends an event value with control characters escaped.</summary>
    public void AppendValue(ReadOnlySpan<char> value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '\x7f') continue;
            _sb.Append(value[start..i]);
            _sb.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => $"\\x{(int)c:X2}",
            });
            start = i + 1;
        }
        _sb.Append(value[start..]);
    }

    /// <summary>Copies the line so far into <paramref name="destination"/> (at least <see cref="Length"/> long).</summary>
    public void CopyTo(Span<char> destination) => _sb.CopyTo(0, destination, _sb.Length);

    public override string ToString() => _sb.ToString();
}
