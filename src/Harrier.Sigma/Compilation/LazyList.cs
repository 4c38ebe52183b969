using System.Collections;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// A list of known length whose items are decoded from the compiled-rule cache when first read: a shared literal
/// search's needle texts, which only compiling (triggers) and writing the cache read, never a scan.
/// </summary>
internal sealed class LazyList<T>(int count, Func<T[]> decode) : IReadOnlyList<T>
{
    readonly Lazy<T[]> _items = new(() => decode() is { } items && items.Length == count ? items
        : throw new InvalidDataException("compiled-rule cache: list length"), LazyThreadSafetyMode.ExecutionAndPublication);

    public int Count => count;

    public T this[int index] => _items.Value[index];

    /// <summary>Whether the items have been decoded (tests).</summary>
    internal bool IsDecoded => _items.IsValueCreated;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items.Value).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
