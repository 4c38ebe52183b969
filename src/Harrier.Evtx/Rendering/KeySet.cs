namespace Harrier.Evtx.Rendering;

/// <summary>
/// The keys already written in each open JSON object, so a repeated key gets the evtx_dump suffix
/// (<c>Header</c>, <c>Header_1</c>, <c>Header_2</c>…). A stack: objects open and close in order.
/// </summary>
internal sealed class KeySet
{
    char[] _text = new char[4096];
    int _textLength;
    int[] _start = new int[256];
    int[] _length = new int[256];
    int[] _suffix = new int[256];
    int _count;

    public void Clear()
    {
        _count = 0;
        _textLength = 0;
    }

    /// <summary>Opens an object; returns its base to pass to <see cref="Add"/> and <see cref="Close"/>.</summary>
    public int Open() => _count;

    public void Close(int keyBase)
    {
        if (keyBase < _count) _textLength = _start[keyBase];
        _count = keyBase;
    }

    /// <summary>Records <paramref name="key"/> in the object opened at <paramref name="keyBase"/>; returns the suffix number to append (0 = none).</summary>
    public int Add(ReadOnlySpan<char> key, int keyBase)
    {
        var suffix = 0;
        while (Contains(key, suffix, keyBase)) suffix++;
        if (_count == _start.Length)
        {
            Array.Resize(ref _start, _count * 2);
            Array.Resize(ref _length, _count * 2);
            Array.Resize(ref _suffix, _count * 2);
        }
        if (_textLength + key.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + key.Length));
        key.CopyTo(_text.AsSpan(_textLength));
        _start[_count] = _textLength;
        _length[_count] = key.Length;
        _suffix[_count] = suffix;
        _textLength += key.Length;
        _count++;
        return suffix;
    }

    bool Contains(ReadOnlySpan<char> key, int suffix, int keyBase)
    {
        for (var i = keyBase; i < _count; i++)
            if (_suffix[i] == suffix && _text.AsSpan(_start[i], _length[i]).SequenceEqual(key)) return true;
        return false;
    }
}
