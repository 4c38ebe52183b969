using System.Buffers.Binary;
using System.Collections;
using System.Runtime.InteropServices;
using Harrier.Evtx.Events;

namespace Harrier.Hunting.Alerts;

/// <summary>
/// An alert's fields as the hunt stores them: interned field ids and the values' characters in one shared,
/// never-modified buffer. When every value is ASCII (<see cref="IsAscii"/>, the usual case) the characters are
/// stored one byte each and read with <see cref="AsciiValue"/> (which is also valid UTF-8); otherwise as UTF-16,
/// read with <see cref="Utf16Value"/>. Neither allocates; <see cref="Value"/> and the indexer make strings on
/// demand, so an alert nobody looks into costs no strings. Names are spelled as the event spelled them.
/// </summary>
/// <remarks>
/// Layout at <c>offset</c> in the buffer: <c>count + 1</c> little-endian int32 character starts (the last one
/// is the end), <c>count</c> int32 spelling ids (<see cref="FieldNames.InternSpelling"/>), then the characters from
/// <c>charsOffset</c>.
/// </remarks>
public sealed class AlertFieldList : IReadOnlyList<AlertField>
{
    readonly byte[] _buffer;
    readonly int _table;
    readonly int _chars;

    internal AlertFieldList(byte[] buffer, int offset, int count, int charsOffset, bool ascii)
    {
        _buffer = buffer;
        _table = offset;
        Count = count;
        _chars = charsOffset;
        IsAscii = ascii;
    }

    public int Count { get; }

    /// <summary>True when every value is ASCII and stored one byte per character.</summary>
    public bool IsAscii { get; }

    public AlertField this[int index] => new(Name(index), Value(index));

    /// <summary>The <see cref="FieldNames"/> id of field <paramref name="index"/>.</summary>
    public int FieldId(int index) => FieldNames.FieldOf(SpellingId(index));

    /// <summary>The spelling id of field <paramref name="index"/>'s name, as its event wrote it.</summary>
    public int SpellingId(int index)
    {
        CheckIndex(index);
        return Int(_table + 4 * (Count + 1 + index));
    }

    public string Name(int index) => FieldNames.Spelling(SpellingId(index));

    /// <summary>The value (a new string).</summary>
    public string Value(int index) =>
        IsAscii ? System.Text.Encoding.ASCII.GetString(AsciiValue(index)) : Utf16Value(index).ToString();

    /// <summary>The value's bytes when <see cref="IsAscii"/>.</summary>
    public ReadOnlySpan<byte> AsciiValue(int index)
    {
        if (!IsAscii) throw new InvalidOperationException("the values are stored as UTF-16");
        var (start, end) = Range(index);
        return _buffer.AsSpan(_chars + start, end - start);
    }

    /// <summary>The value's characters when not <see cref="IsAscii"/>.</summary>
    public ReadOnlySpan<char> Utf16Value(int index)
    {
        if (IsAscii) throw new InvalidOperationException("the values are stored as ASCII");
        var (start, end) = Range(index);
        return MemoryMarshal.Cast<byte, char>(_buffer.AsSpan(_chars + 2 * start, 2 * (end - start)));
    }

    (int Start, int End) Range(int index)
    {
        CheckIndex(index);
        return (Int(_table + 4 * index), Int(_table + 4 * (index + 1)));
    }

    /// <summary>Index of the first field named <paramref name="name"/> (ignoring case), or −1.</summary>
    public int IndexOf(string name)
    {
        if (!FieldNames.TryGet(name, out var id)) return -1;
        return IndexOf(id);
    }

    /// <summary>Index of the first field with id <paramref name="fieldId"/>, or −1.</summary>
    public int IndexOf(int fieldId)
    {
        var spellings = _table + 4 * (Count + 1);
        for (var i = 0; i < Count; i++)
            if (FieldNames.FieldOf(Int(spellings + 4 * i)) == fieldId) return i;
        return -1;
    }

    public IEnumerator<AlertField> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at, 4));

    void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
    }
}
