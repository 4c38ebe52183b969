using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Harrier.Sigma.Compilation;

namespace Harrier.Sigma.Matching;

/// <summary>
/// A read-only array of numbers at a fixed address: a pinned copy of what was built in this process, or a slice of a
/// mapped cache file (<see cref="CacheMapping"/>). Either way the table holds what keeps its memory alive, and
/// <see cref="Span"/> is a pointer and a length: no test, no call (a search takes its tables' spans once per value).
/// </summary>
internal readonly unsafe struct Table<T> where T : unmanaged
{
    readonly T* _items;
    readonly object? _owner; // the pinned array or the mapping

    /// <summary>A copy of <paramref name="items"/> in a pinned array.</summary>
    public Table(ReadOnlySpan<T> items)
    {
        var array = GC.AllocateUninitializedArray<T>(items.Length, pinned: true);
        items.CopyTo(array);
        _owner = array;
        _items = (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        Length = array.Length;
    }

    /// <summary><paramref name="count"/> items at <paramref name="offset"/> in the mapping (aligned to the item's size; the caller checked the bounds).</summary>
    public Table(CacheMapping mapping, long offset, int count)
    {
        _owner = mapping;
        _items = (T*)(mapping.Pointer + offset);
        Length = count;
    }

    public int Length { get; }

    /// <summary>Whether the items are read where they lie in a mapped cache file.</summary>
    public bool InPlace => _owner is CacheMapping;

    public ReadOnlySpan<T> Span => new(_items, Length);

    public T this[int index] => Span[index];

    /// <summary>A pinned copy of <paramref name="array"/>.</summary>
    public static implicit operator Table<T>(T[] array) => new(array);
}
