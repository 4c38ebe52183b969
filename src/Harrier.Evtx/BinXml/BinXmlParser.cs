using System.Runtime.CompilerServices;
using Harrier.Evtx.Format;
using static Harrier.Evtx.BinXml.BinXmlToken;

namespace Harrier.Evtx.BinXml;

/// <summary>
/// Parses BinXml (MS-EVEN6 §2.2.12 grammar; libevtx §5) into flat node arenas: template definitions
/// once per chunk into the chunk's template arena, each record's fragment and its nested BinXml values
/// into the record document. Positions are chunk-relative; every recursion is bounded by
/// <see cref="Limits.MaxDepth"/>.
/// </summary>
internal sealed class BinXmlParser
{
    const int InProgress = int.MinValue;
    const int Failed = int.MinValue + 1;
    readonly ChunkContext _chunk;
    readonly RecordDocument _doc;

    public BinXmlParser(ChunkContext chunk, RecordDocument doc)
    {
        _chunk = chunk;
        _doc = doc;
    }

    /// <summary>Parses a record's BinXml, [start, end) within the chunk, into the record document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ParseRecord(int start, int end)
    {
        _doc.Clear();
        var r = new SpanReader(_chunk.Span, start, end);
        _doc.Root = ParseFragment(ref r, _doc.Nodes, 0, inTemplate: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ParseFragment(ref SpanReader r, NodeArena arena, int depth, bool inTemplate)
    {
        if (depth > Limits.MaxDepth) Throw.Format(r.Position, $"BinXml nested deeper than {Limits.MaxDepth}");
        int first = -1, last = -1;
        while (r.Remaining > 0)
        {
            var token = r.PeekByte();
            int node;
            switch (token & ~MoreBit)
            {
                case EndOfStream:
                    r.Skip(1);
                    return first;
                case FragmentHeader:
                    r.Skip(4); // token, major version, minor version, flags
                    continue;
                case OpenStartElement:
                    node = ParseElement(ref r, arena, depth + 1, inTemplate);
                    break;
                case TemplateInstance:
                    if (inTemplate) Throw.NotSupported(r.Position, "template instance inside a template definition");
                    node = ParseTemplateInstance(ref r, depth + 1);
                    break;
                default:
                    node = ParseContent(ref r, arena, depth + 1, inTemplate);
                    break;
            }
            if (last < 0) first = node;
            else arena.Nodes[last].Next = node;
            last = node;
        }
        return first;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ParseElement(ref SpanReader r, NodeArena arena, int depth, bool inTemplate)
    {
        if (depth > Limits.MaxDepth) Throw.Format(r.Position, $"elements nested deeper than {Limits.MaxDepth}");
        var token = r.ReadByte();
        if (inTemplate) r.Skip(2); // dependency identifier: only inside template definitions
        r.Skip(4); // data size
        var name = ReadName(ref r);
        var element = arena.Add(NodeKind.Element);
        arena.Nodes[element].Name = name;
        if ((token & MoreBit) != 0)
        {
            r.Skip(4); // attribute list size
            var last = -1;
            while ((r.PeekByte() & ~MoreBit) == BinXmlToken.Attribute)
            {
                var attr = ParseAttribute(ref r, arena, depth, inTemplate);
                if (last < 0) arena.Nodes[element].FirstAttr = attr;
                else arena.Nodes[last].Next = attr;
                last = attr;
            }
        }
        var close = r.ReadByte();
        if (close == CloseEmptyElement) return element;
        if (close != CloseStartElement)
            Throw.Format(r.Position - 1, $"expected close start element (0x02) or close empty element (0x03), found 0x{close:x2}");
        var prev = -1;
        while (true)
        {
            var t = r.PeekByte();
            if (t == EndElement)
            {
                r.Skip(1);
                return element;
            }
            var child = (t & ~MoreBit) switch
            {
                OpenStartElement => ParseElement(ref r, arena, depth + 1, inTemplate),
                TemplateInstance when !inTemplate => ParseTemplateInstance(ref r, depth + 1),
                _ => ParseContent(ref r, arena, depth, inTemplate),
            };
            if (prev < 0) arena.Nodes[element].FirstChild = child;
            else arena.Nodes[prev].Next = child;
            prev = child;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ParseAttribute(ref SpanReader r, NodeArena arena, int depth, bool inTemplate)
    {
        r.Skip(1);
        var name = ReadName(ref r);
        var attr = arena.Add(NodeKind.Attribute);
        arena.Nodes[attr].Name = name;
        var last = -1;
        while (r.Remaining > 0)
        {
            var t = r.PeekByte() & ~MoreBit;
            if (t is not (Value or NormalSubstitution or OptionalSubstitution or CharRef or EntityRef)) break;
            var v = ParseContent(ref r, arena, depth, inTemplate);
            if (last < 0) arena.Nodes[attr].FirstChild = v;
            else arena.Nodes[last].Next = v;
            last = v;
        }
        return attr;
    }

    /// <summary>Value text, substitution, CDATA, character/entity reference or processing instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ParseContent(ref SpanReader r, NodeArena arena, int depth, bool inTemplate)
    {
        var at = r.Position;
        var token = r.ReadByte();
        int node;
        switch (token & ~MoreBit)
        {
            case Value:
            {
                var type = r.ReadByte();
                node = arena.Add(NodeKind.Value);
                arena.Nodes[node].Type = type;
                int length;
                if (type == BinXmlValueType.String) length = r.ReadUInt16() * 2;
                else if ((length = BinXmlValueType.FixedSize(type)) == 0)
                    Throw.NotSupported(at, $"value token of type 0x{type:x2}");
                arena.Nodes[node].Offset = r.Position;
                arena.Nodes[node].Length = length;
                r.Skip(length);
                return node;
            }
            case NormalSubstitution:
            case OptionalSubstitution:
                node = arena.Add(NodeKind.Substitution);
                arena.Nodes[node].Optional = (token & ~MoreBit) == OptionalSubstitution;
                arena.Nodes[node].Name = r.ReadUInt16();
                arena.Nodes[node].Type = r.ReadByte();
                if (!inTemplate) Throw.NotSupported(at, "substitution outside a template definition");
                return node;
            case CharRef:
                node = arena.Add(NodeKind.CharRef);
                arena.Nodes[node].Name = r.ReadUInt16();
                return node;
            case EntityRef:
                node = arena.Add(NodeKind.EntityRef);
                arena.Nodes[node].Name = ReadName(ref r);
                return node;
            case CData:
            {
                node = arena.Add(NodeKind.CData);
                var length = r.ReadUInt16() * 2;
                arena.Nodes[node].Offset = r.Position;
                arena.Nodes[node].Length = length;
                r.Skip(length);
                return node;
            }
            case PITarget:
            {
                node = arena.Add(NodeKind.PI);
                arena.Nodes[node].Name = ReadName(ref r);
                if (r.Remaining > 0 && r.PeekByte() == PIData)
                {
                    r.Skip(1);
                    var length = r.ReadUInt16() * 2;
                    arena.Nodes[node].Offset = r.Position;
                    arena.Nodes[node].Length = length;
                    r.Skip(length);
                }
                return node;
            }
            default:
                Throw.Format(at, $"unexpected BinXml token 0x{token:x2}");
                return -1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ReadName(ref SpanReader r)
    {
        var offset = (int)r.ReadUInt32();
        if (offset != r.Position) return _chunk.NameAt(offset);
        // Defined inline: next offset (4), hash (2), character count (2), text, NUL.
        var id = _chunk.NameAt(offset);
        r.Skip(6);
        var chars = r.ReadUInt16();
        r.Skip(chars * 2 + 2);
        return id;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ParseTemplateInstance(ref SpanReader r, int depth)
    {
        if (depth > Limits.MaxDepth) Throw.Format(r.Position, $"template instances nested deeper than {Limits.MaxDepth}");
        r.Skip(2); // token, unknown byte
        r.Skip(4); // template identifier
        var definition = (int)r.ReadUInt32();
        int root;
        if (definition == r.Position)
        {
            root = CompileTemplate(definition, depth);
            // Skip the inline definition: next offset (4), GUID (16), data size (4), data.
            r.Skip(20);
            var size = r.ReadUInt32();
            if (size > (uint)r.Remaining) Throw.Format(definition, $"template data size {size} runs past the record");
            r.Skip((int)size);
        }
        else
        {
            root = CompileTemplate(definition, depth);
        }

        var count = r.ReadUInt32();
        if (count > Limits.MaxSubstitutions) Throw.Format(r.Position - 4, $"{count} substitution values (limit {Limits.MaxSubstitutions})");
        var descriptors = r.ReadBytes((int)count * 4);
        var first = _doc.ReserveValues((int)count);
        for (var i = 0; i < count; i++)
        {
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(descriptors[(i * 4)..]);
            var type = descriptors[i * 4 + 2];
            ref var v = ref _doc.Values[first + i];
            v.Type = type;
            v.Offset = r.Position;
            v.Length = size;
            v.Nested = -1;
            r.Skip(size);
        }
        for (var i = 0; i < count; i++)
        {
            var v = _doc.Values[first + i];
            if (v.Type != BinXmlValueType.BinXml || v.Length == 0) continue;
            var nested = new SpanReader(_chunk.Span, v.Offset, v.Offset + v.Length);
            _doc.Values[first + i].Nested = ParseFragment(ref nested, _doc.Nodes, depth + 1, inTemplate: false);
        }
        var node = _doc.Nodes.Add(NodeKind.TemplateInstance);
        _doc.Nodes.Nodes[node].Name = root;
        _doc.Nodes.Nodes[node].Offset = first;
        _doc.Nodes.Nodes[node].Length = (int)count;
        return node;
    }

    int CompileTemplate(int definition, int depth)
    {
        if (_chunk.TryGetTemplate(definition, out var root))
        {
            if (root == InProgress) Throw.Format(definition, "template definition refers to itself");
            if (root == Failed) Throw.Format(definition, "template definition could not be parsed (see the first record that used it)");
            return root;
        }
        if ((uint)definition > (uint)(_chunk.ChunkLength - 24)) Throw.Format(definition, "template definition offset outside the chunk");
        _chunk.SetTemplate(definition, InProgress);
        try
        {
            var r = new SpanReader(_chunk.Span, definition + 20, _chunk.ChunkLength);
            var size = r.ReadUInt32();
            if (size > (uint)r.Remaining) Throw.Format(definition, $"template data size {size} runs past the chunk");
            var body = new SpanReader(_chunk.Span, r.Position, r.Position + (int)size);
            root = ParseFragment(ref body, _chunk.Templates, depth + 1, inTemplate: true);
        }
        catch
        {
            _chunk.SetTemplate(definition, Failed);
            throw;
        }
        _chunk.SetTemplate(definition, root);
        return root;
    }
}
