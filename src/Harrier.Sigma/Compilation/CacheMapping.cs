using System.IO.MemoryMappedFiles;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// A cache file mapped read-only into memory, for as long as anything read from it is reachable: the automata's tables
/// (<see cref="Matching.Table{T}"/>) are used where they lie in the file, so a run maps the page cache's pages instead of
/// copying 13 MB into fresh memory (which costs a page fault per 4 KiB here) and the pages a search never reads are never
/// touched. The file is replaced by rename, never rewritten in place, so a mapped file does not change under a reader.
/// </summary>
internal sealed unsafe class CacheMapping : IDisposable
{
    readonly MemoryMappedFile _file;
    readonly MemoryMappedViewAccessor _view;
    int _released; // 1 once unmapped (Dispose or the finalizer)

    CacheMapping(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer, long length)
    {
        _file = file;
        _view = view;
        Pointer = pointer;
        Length = length;
    }

    /// <summary>The first byte of the file.</summary>
    public byte* Pointer { get; }

    public long Length { get; }

    /// <summary>The bytes from <paramref name="offset"/> (inside the file, as are all <paramref name="count"/> of them).</summary>
    public ReadOnlySpan<byte> Bytes(long offset, int count) =>
        (ulong)offset + (ulong)count <= (ulong)Length ? new ReadOnlySpan<byte>(Pointer + offset, count) : throw new ArgumentOutOfRangeException(nameof(count));

    /// <summary>Maps the whole file (not empty) read-only.</summary>
    public static CacheMapping Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0);
        var length = stream.Length;
        if (length == 0) throw new InvalidDataException("empty cache file");
        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        try
        {
            var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new CacheMapping(file, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Unmaps and closes the file now: for a file rejected before anything was read from it into a lasting object (a
    /// stale or damaged cache, which is then rewritten — and a file still mapped could not be replaced on Windows).
    /// </summary>
    /// <remarks>Safe to call more than once (the rejection paths of both caches may meet).</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        GC.SuppressFinalize(this);
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    // Runs before the view handle's own (critical) finalizer, which unmaps once the pointer is released.
    ~CacheMapping()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _view.SafeMemoryMappedViewHandle.ReleasePointer();
    }
}
