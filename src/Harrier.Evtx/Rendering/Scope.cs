using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Where a node list lives while rendering: the arena holding it (a chunk's templates or the record)
/// and, inside a template body, which substitution values its slots refer to.
/// </summary>
internal readonly struct Scope(Node[] nodes, int valueBase, int valueCount)
{
    public readonly Node[] Nodes = nodes;
    public readonly int ValueBase = valueBase;
    public readonly int ValueCount = valueCount;
}

/// <summary>Resolves template instances and substitutions of a parsed record for the renderers.</summary>
internal sealed class RecordView(ChunkContext chunk, RecordDocument doc)
{
    public readonly ChunkContext Chunk = chunk;
    public readonly RecordDocument Doc = doc;

    public Scope RecordScope => new(Doc.Nodes.Nodes, 0, 0);

    public Scope TemplateScope(in Node instance) => new(Chunk.Templates.Nodes, instance.Offset, instance.Length);

    /// <summary>The value a substitution slot refers to; a Null value when the slot is out of range.</summary>
    public SubstitutionValue Value(in Scope scope, int index) =>
        (uint)index < (uint)scope.ValueCount ? Doc.Values[scope.ValueBase + index] : new SubstitutionValue { Nested = -1 };

    public ReadOnlySpan<byte> Bytes(int offset, int length) => Chunk.Chunk.AsSpan(offset, length);
}
