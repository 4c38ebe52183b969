using System.Runtime.CompilerServices;
using Harrier.Evtx.Format;

namespace Harrier.Evtx.BinXml;

/// <summary>
/// Per-chunk parse state: the chunk bytes, names resolved by chunk offset, and templates compiled
/// once per chunk (by definition offset) into <see cref="Templates"/>. Reset for each chunk; the
/// storage is reused, and names stay interned in <see cref="Names"/> across chunks.
/// </summary>
internal sealed class ChunkContext
{
    public readonly NameTable Names = new();
    public readonly NodeArena Templates = new();
    readonly Dictionary<int, int> _nameByOffset = new();
    readonly Dictionary<int, int> _templateByOffset = new();
    public byte[] Chunk = [];
    public int ChunkLength;

    /// <summary>Changes with every <see cref="Reset"/>: caches derived from a chunk's templates compare it.</summary>
    public int Generation { get; private set; }

    /// <summary>Starts a new chunk: drops the previous chunk's names and templates.</summary>
    public void Reset(byte[] chunk, int length)
    {
        Chunk = chunk;
        ChunkLength = length;
        Generation++;
        _nameByOffset.Clear();
        _templateByOffset.Clear();
        Templates.Clear();
    }

    public ReadOnlySpan<byte> Span => Chunk.AsSpan(0, ChunkLength);

    /// <summary>The name structure at a chunk offset: next offset (4), hash (2), count (2), UTF-16 text, NUL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int NameAt(int offset)
    {
        if (_nameByOffset.TryGetValue(offset, out var id)) return id;
        var r = new SpanReader(Span, 0, ChunkLength);
        if ((uint)offset >= (uint)ChunkLength) Throw.Format(offset, "name offset outside the chunk");
        r.Seek(offset);
        r.Skip(6);
        var count = r.ReadUInt16();
        id = Names.Intern(r.ReadChars(count));
        _nameByOffset[offset] = id;
        return id;
    }

    public static int NameStructSize(int chars) => 8 + chars * 2 + 2;

    public bool TryGetTemplate(int offset, out int root) => _templateByOffset.TryGetValue(offset, out root);

    public void SetTemplate(int offset, int root)
    {
        if (_templateByOffset.Count >= Limits.MaxTemplatesPerChunk && !_templateByOffset.ContainsKey(offset))
            Throw.Format(offset, $"more than {Limits.MaxTemplatesPerChunk} templates in one chunk");
        _templateByOffset[offset] = root;
    }
}
