using System.Buffers.Binary;
using System.Collections;
using System.Runtime.InteropServices;
using Harrier.Evtx.Events;

namespace Harrier.Hunting.Alerts;

/// <summary>
/// An alert's fields as the hunt stores them: interned field ids and the values' characters in one shared,
/// never-modified buffer. Reading a value as a span (<see cref="ValueSpan"/>) allocates nothing; the indexer
/// makes an <see cref="AlertField"/> (a new value string) on demand, so an alert nobody looks into costs no
/// strings. Names are the canonical spellings of <see cref="FieldNames"/>.
/// </summary>
/// <remarks>
/// Layout at <c>offset</c> in the buffer: <c>count + 1</c> little-endian int32 character starts (the last one
/// is the end), <c>count</c> int32 field ids, then the UTF-16 characters from <c>charsOffset</c>.
/// </remarks>
public sealed class AlertFieldList : IReadOnlyList<AlertField>
{
    readonly byte[] _buffer;
    readonly int _table;
    readonly int _chars;

    internal AlertFieldList(byte[] buffer, int offset, int count, int charsOffset)
    {
        _buffer = buffer;
        _table = offset;
        Count = count;
        _chars = charsOffset;
    }

    public int Count { get; }

    public AlertField this[int index] => new(Name(index), ValueSpan(index).ToString());

    /// <summary>The <see cref="FieldNames"/> id of field <paramref name="index"/>.</summary>
    public int FieldId(int index)
    {
        CheckIndex(index);
        return Int(_table + 4 * (Count + 1 + index));
    }

    public string Name(int index) => FieldNames.Name(FieldId(index));

    public ReadOnlySpan<char> ValueSpan(int index)
    {
        CheckIndex(index);
        var start = Int(_table + 4 * index);
        var end = Int(_table + 4 * (index + 1));
        return MemoryMarshal.Cast<byte, char>(_buffer.AsSpan(_chars + 2 * start, 2 * (end - start)));
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
        var ids = _table + 4 * (Count + 1);
        for (var i = 0; i < Count; i++)
            if (Int(ids + 4 * i) == fieldId) return i;
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
