namespace Harrier.Evtx.Events;

/// <summary>
/// Turns spans of event text (from reused buffers) into strings, one per distinct value: hosts, accounts, addresses and
/// channels repeat across thousands of events. Ordinal. Once it holds <c>limit</c> strings it keeps no more (later new
/// values come back as fresh strings), so input with endless distinct values cannot grow it without bound. Not
/// thread-safe: one per thread.
/// </summary>
public sealed class BoundedStringPool(int limit = 1 << 16)
{
    readonly HashSet<string> _set = new(StringComparer.Ordinal);

    public int Count => _set.Count;

    public string Get(ReadOnlySpan<char> value)
    {
        if (_set.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var s)) return s;
        s = value.ToString();
        if (_set.Count < limit) _set.Add(s);
        return s;
    }
}
