namespace Harrier.Hunting.Details;

/// <summary>
/// Turns a code found in an event field into words. A whole-value table matches the trimmed value
/// (case-insensitive: <c>0xc000006a</c> = <c>0xC000006A</c>) and renders <c>words (code)</c>; a token table
/// replaces every known code inside a longer value (<c>%%8449, %%8451</c>, lists of GUIDs).
/// </summary>
public sealed class CodeTable
{
    readonly Dictionary<string, string> _words;
    readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CodeTable(string name, bool tokens, IReadOnlyDictionary<string, string> words)
    {
        Name = name;
        Tokens = tokens;
        _words = new Dictionary<string, string>(words, StringComparer.OrdinalIgnoreCase);
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        var first = new HashSet<char>();
        foreach (var code in _words.Keys)
        {
            if (code.Length == 0 || !char.IsAscii(code[0])) return; // no prefilter: every value goes through the replacements
            first.Add(code[0]);
            first.Add(char.ToUpperInvariant(code[0]));
            first.Add(char.ToLowerInvariant(code[0]));
        }
        _firstChars = System.Buffers.SearchValues.Create([.. first]);
    }

    /// <summary>
    /// The first characters of the token codes (both cases): a value containing none of them holds no code, so
    /// it is appended as it is without trying every replacement (most values; the codes start with <c>%%</c> or <c>{</c>).
    /// </summary>
    readonly System.Buffers.SearchValues<char>? _firstChars;

    public string Name { get; }

    /// <summary>True: replace codes inside the value; false: translate the whole value.</summary>
    public bool Tokens { get; }

    public bool TryGetWords(ReadOnlySpan<char> code, out string words) =>
        _lookup.TryGetValue(code.Trim(), out words!);

    /// <summary>Appends the value with its code(s) turned into words; unknown codes stay as they are.</summary>
    public void Append(ReadOnlySpan<char> value, DetailsWriter output)
    {
        if (!Tokens)
        {
            if (TryGetWords(value, out var words))
            {
                output.Append(words);
                output.Append(" (");
                output.AppendValue(value.Trim());
                output.Append(")");
            }
            else output.AppendValue(value);
            return;
        }
        if (_firstChars is not null && value.IndexOfAny(_firstChars) < 0)
        {
            output.AppendValue(value);
            return;
        }
        var text = value.ToString();
        foreach (var (code, words) in _words)
            text = text.Replace(code, words, StringComparison.OrdinalIgnoreCase);
        output.AppendValue(text);
    }
}
