using System.Runtime.InteropServices;

namespace Harrier.Hunting.Sorting;

/// <summary>
/// A growable array of plain values kept outside the garbage-collected heap. A worker's alert entries grow to hundreds
/// of thousands; as a managed array each doubling past 85 KB is a large-object allocation, and those set off full,
/// blocking collections of the whole heap (the compiled rules included) in the middle of the scan. Here growing is a
/// <c>realloc</c>. Not thread-safe; <see cref="Dispose"/> (or, failing that, the finalizer) frees the memory.
/// </summary>
internal sealed unsafe class NativeList<T> : IDisposable where T : unmanaged
{
    T* _items;
    int _capacity;

    public int Count { get; private set; }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _items[index];
        }
    }

    public void Add(in T item)
    {
        if (Count == _capacity) Grow();
        _items[Count++] = item;
    }

    /// <summary>The values, valid until the next <see cref="Add"/>, <see cref="Clear"/> or <see cref="Dispose"/>.</summary>
    public Span<T> AsSpan() => new(_items, Count);

    public void Clear() => Count = 0;

    void Grow()
    {
        ObjectDisposedException.ThrowIf(_capacity < 0, this);
        var capacity = _capacity == 0 ? 256 : checked(_capacity * 2);
        _items = (T*)NativeMemory.Realloc(_items, (nuint)capacity * (nuint)sizeof(T));
        _capacity = capacity;
    }

    void Free()
    {
        NativeMemory.Free(_items);
        _items = null;
        _capacity = -1;
        Count = 0;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~NativeList() => Free();
}
