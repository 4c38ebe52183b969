namespace Harrier.Investigation;

/// <summary>
/// Turns spans from the reader's reused buffers into shared strings, one allocation per distinct value
/// (host names, accounts and addresses repeat across millions of events). Case-insensitive: the first
/// spelling seen is kept.
/// </summary>
sealed class StringPool
{
    readonly HashSet<string> _set = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _set.Count;

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        if (_lookup.TryGetValue(value, out var s)) return s;
        s = value.ToString();
        _set.Add(s);
        return s;
    }
}
