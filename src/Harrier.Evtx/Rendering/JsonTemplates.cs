using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// A chunk's templates compiled once into JSON programs for <see cref="CompiledJsonRenderer"/>: every
/// element's key as literal UTF-8 (<c>"Key":</c>), its attributes and text as literal JSON bytes or
/// substitution slots, its child elements as a list. Only shapes whose evtx_dump rendering does not
/// depend on anything but the slot values compile; a template with a corner case (unnamed
/// <c>Data</c>, a <c>Data</c> name from a substitution, repeated keys, mixed or multi-part text,
/// references, CDATA) is marked as not compiled and its records take the tree renderer. Storage is
/// reused chunk after chunk.
/// </summary>
internal sealed class JsonTemplates
{
    public enum Content : byte { Empty, Literal, Slot, Children, UnnamedData }

    public struct Element
    {
        /// <summary><c>"Key":</c> in <see cref="Literals"/>.</summary>
        public int KeyStart, KeyLength;
        public int FirstAttr, AttrCount;
        public Content Content;
        /// <summary>Literal: JSON bytes in <see cref="Literals"/>. Slot: slot index in A. Children: range in <see cref="Children"/>. UnnamedData: the group's Data elements, a range in <see cref="Children"/>.</summary>
        public int A, B;
    }

    public struct Attribute
    {
        /// <summary><c>"Name":</c> in <see cref="Literals"/>.</summary>
        public int KeyStart, KeyLength;
        /// <summary>Substitution slot, or −1 for a literal value (JSON bytes at ValueStart/ValueLength).</summary>
        public int Slot;
        public int ValueStart, ValueLength;
        public bool FullPrecision;
    }

    /// <summary>A compiled template: its top-level elements (a range in <see cref="Children"/>), or not compiled.</summary>
    public readonly record struct Program(bool Compiled, int First, int Count);

    readonly RecordView _view;
    readonly NameTable _names;
    readonly JsonValueWriter _values;
    readonly TextExtractor _textOf;
    readonly CharBuffer _text = new();
    readonly Dictionary<int, Program> _byRoot = new();
    readonly Utf8Buffer _literals = new(1 << 16);
    readonly List<int> _pending = [];
    readonly List<int> _groupMembers = [];
    readonly List<int> _order = [];
    public Element[] Elements = new Element[256];
    public Attribute[] Attributes = new Attribute[256];
    /// <summary>Entries of element lists: an element index, or ~slot for a nested BinXml substitution.</summary>
    public int[] Children = new int[256];
    int _elementCount, _attrCount, _childCount;
    int _generation = -1;

    public JsonTemplates(RecordView view, JsonValueWriter values)
    {
        _view = view;
        _names = view.Chunk.Names;
        _values = values;
        _textOf = new TextExtractor(view, new ValueFormatter());
    }

    public ReadOnlySpan<byte> Literals => _literals.Written;

    /// <summary>The program of the template whose body starts at <paramref name="root"/> in the chunk's template arena.</summary>
    public Program Get(int root)
    {
        NewChunkCheck();
        if (_byRoot.TryGetValue(root, out var p)) return p;
        var marks = (_elementCount, _attrCount, _childCount, _literals.Length);
        try
        {
            p = CompileList(_view.Chunk.Templates.Nodes, root, 0, allowSlot: false, out var first, out var count) ? new Program(true, first, count) : default;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            p = default; // let the tree renderer meet (and report) the malformed value
        }
        if (!p.Compiled)
        {
            (_elementCount, _attrCount, _childCount, _) = marks;
            _literals.Truncate(marks.Item4);
        }
        _byRoot[root] = p;
        return p;
    }

    void NewChunkCheck()
    {
        if (_generation == _view.Chunk.Generation) return;
        _generation = _view.Chunk.Generation;
        _byRoot.Clear();
        _literals.Clear();
        _elementCount = _attrCount = _childCount = 0;
    }

    /// <summary>The fill levels of the tables, to drop a scratch program with <see cref="Release"/>.</summary>
    public (int Elements, int Attributes, int Children, int Literals) Mark() => (_elementCount, _attrCount, _childCount, _literals.Length);

    public void Release((int Elements, int Attributes, int Children, int Literals) mark)
    {
        (_elementCount, _attrCount, _childCount, _) = mark;
        _literals.Truncate(mark.Literals);
    }

    /// <summary>Compiles elements outside any template (a nested BinXml fragment of the current record); not cached.</summary>
    public Program CompileFragment(Node[] nodes, int first)
    {
        NewChunkCheck();
        try
        {
            return CompileList(nodes, first, 0, allowSlot: false, out var start, out var count) ? new Program(true, start, count) : default;
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            return default;
        }
    }

    /// <summary>
    /// Compiles a list of sibling elements with distinct keys. Where <paramref name="allowSlot"/>, one
    /// substitution declared as BinXml may sit among them (entry ~slot): its template's members join
    /// the object at run time, after a check that their keys are new.
    /// </summary>
    bool CompileList(Node[] nodes, int first, int depth, bool allowSlot, out int start, out int count)
    {
        start = count = 0;
        if (depth > Limits.MaxDepth) return false;
        var mark = _pending.Count;
        var groupMark = _groupMembers.Count;
        var group = -1;
        try
        {
            var slots = 0;
            for (var i = first; i >= 0; i = nodes[i].Next)
            {
                ref readonly var n = ref nodes[i];
                if (n.Kind == NodeKind.PI) continue;
                if (n.Kind == NodeKind.Substitution && n.Type == BinXmlValueType.BinXml && allowSlot && slots++ == 0)
                {
                    _pending.Add(~n.Name);
                    continue;
                }
                if (n.Kind != NodeKind.Element) return false;
                if (!CompileElement(nodes, i, depth, out var e, out var unnamed)) return false;
                if (!unnamed)
                {
                    _pending.Add(e);
                    continue;
                }
                // evtx_dump gathers the unnamed Data of an object under one "Data" key, where the first one stands.
                if (group < 0)
                {
                    var g = new Element { Content = Content.UnnamedData };
                    (g.KeyStart, g.KeyLength) = LiteralKey("Data");
                    group = Add(g);
                    _pending.Add(group);
                }
                _groupMembers.Add(e);
            }
            if (group >= 0)
            {
                Elements[group].A = _childCount + (_pending.Count - mark);
                Elements[group].B = _groupMembers.Count - groupMark;
            }
            count = _pending.Count - mark;
            if (!ResolveRepeatedKeys(mark)) return false;
            start = _childCount;
            for (var a = mark; a < _pending.Count; a++) AddChild(_pending[a]);
            for (var a = groupMark; a < _groupMembers.Count; a++) AddChild(_groupMembers[a]);
            return true;
        }
        finally
        {
            _pending.RemoveRange(mark, _pending.Count - mark);
            _groupMembers.RemoveRange(groupMark, _groupMembers.Count - groupMark);
        }
    }

    ReadOnlySpan<byte> AttrKey(int attr) => _literals.Written.Slice(Attributes[attr].KeyStart, Attributes[attr].KeyLength);

    /// <summary>
    /// Puts the entries of a list from <paramref name="mark"/> in the order and under the keys of
    /// evtx_dump's map: a repeated key takes the place of the first, and the value it displaces moves
    /// to the end under the first free <c>key_N</c>. Only for elements without attributes (with them,
    /// evtx_dump merges the objects); otherwise false.
    /// </summary>
    bool ResolveRepeatedKeys(int mark)
    {
        var repeated = false;
        for (var a = mark; a < _pending.Count && !repeated; a++)
            for (var b = a + 1; b < _pending.Count; b++)
                if (_pending[a] >= 0 && _pending[b] >= 0 && Key(_pending[a]).SequenceEqual(Key(_pending[b])))
                {
                    repeated = true;
                    break;
                }
        if (!repeated) return true;
        var order = _order;
        order.Clear();
        for (var i = mark; i < _pending.Count; i++)
        {
            var e = _pending[i];
            var at = e < 0 ? -1 : IndexOfKey(order, Key(e));
            if (at < 0)
            {
                order.Add(e);
                continue;
            }
            var old = order[at];
            if (Elements[e].AttrCount > 0 || Elements[old].AttrCount > 0
                || Elements[e].Content == Content.UnnamedData || Elements[old].Content == Content.UnnamedData) return false;
            order[at] = e;
            var key = Key(old);
            var stem = key[..^2].ToArray(); // "Key without the closing ":
            for (var n = 1; ; n++)
            {
                var start = _literals.Length;
                _literals.Write(stem);
                _literals.Write((byte)'_');
                var span = _literals.GetSpan(12);
                n.TryFormat(span, out var w);
                _literals.Advance(w);
                _literals.Write("\":"u8);
                Elements[old].KeyStart = start;
                Elements[old].KeyLength = _literals.Length - start;
                if (IndexOfKey(order, Key(old)) < 0) break;
                _literals.Truncate(start);
            }
            order.Add(old);
        }
        for (var i = 0; i < order.Count; i++) _pending[mark + i] = order[i];
        return true;
    }

    int IndexOfKey(List<int> entries, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < entries.Count; i++)
            if (entries[i] >= 0 && Key(entries[i]).SequenceEqual(key)) return i;
        return -1;
    }

    public ReadOnlySpan<byte> Key(int element) => _literals.Written.Slice(Elements[element].KeyStart, Elements[element].KeyLength);

    bool CompileElement(Node[] nodes, int node, int depth, out int index, out bool unnamedData)
    {
        index = -1;
        unnamedData = false;
        var e = new Element();
        ref readonly var n = ref nodes[node];
        var scope = new Scope(nodes, 0, 0);
        if (n.Name == _names.Data)
        {
            var nameAttr = -1;
            for (var a = n.FirstAttr; a >= 0; a = nodes[a].Next)
                if (nodes[a].Name == _names.NameAttr)
                {
                    nameAttr = a;
                    break;
                }
            if (nameAttr < 0)
            {
                unnamedData = true;
                return CompileUnnamedData(nodes, node, out index);
            }
            for (var c = nodes[nameAttr].FirstChild; c >= 0; c = nodes[c].Next)
                if (nodes[c].Kind != NodeKind.Value) return false; // name from a substitution or reference
            _text.Clear();
            _textOf.Append(nodes[nameAttr].FirstChild, scope, _text);
            (e.KeyStart, e.KeyLength) = LiteralKey(_text.Span);
        }
        else
        {
            (e.KeyStart, e.KeyLength) = LiteralKey(_names.Name(n.Name));
            e.FirstAttr = _attrCount;
            for (var a = n.FirstAttr; a >= 0; a = nodes[a].Next)
            {
                ref readonly var attr = ref nodes[a];
                var v = attr.FirstChild;
                if (v < 0) continue; // no value: left out
                if (nodes[v].Next >= 0) return false; // several parts
                var compiled = new Attribute { Slot = -1, FullPrecision = attr.Name == _names.SystemTime };
                if (nodes[v].Kind == NodeKind.Substitution) compiled.Slot = nodes[v].Name;
                else if (nodes[v].Kind == NodeKind.Value)
                {
                    if (nodes[v].Type == BinXmlValueType.Null) continue;
                    (compiled.ValueStart, compiled.ValueLength) = LiteralValue(nodes[v], compiled.FullPrecision);
                }
                else return false; // character or entity reference: text of the element in evtx_dump
                (compiled.KeyStart, compiled.KeyLength) = LiteralKey(_names.Name(attr.Name));
                if (_attrCount == Attributes.Length) Array.Resize(ref Attributes, _attrCount * 2);
                Attributes[_attrCount++] = compiled;
                e.AttrCount++;
            }
            // A repeated attribute name keeps the first place and the last value in evtx_dump: the tree renderer.
            for (var a = e.FirstAttr; a < _attrCount; a++)
                for (var b = a + 1; b < _attrCount; b++)
                    if (AttrKey(a).SequenceEqual(AttrKey(b))) return false;
        }
        var elements = 0;
        var texts = 0;
        var nested = 0;
        var text = -1;
        for (var c = n.FirstChild; c >= 0; c = nodes[c].Next)
        {
            switch (nodes[c].Kind)
            {
                case NodeKind.PI: continue;
                case NodeKind.Element: elements++; break;
                case NodeKind.Substitution when nodes[c].Type == BinXmlValueType.BinXml:
                    nested++;
                    text = c;
                    break;
                case NodeKind.Value or NodeKind.Substitution:
                    texts++;
                    text = c;
                    break;
                default: return false; // CDATA, references, template instances
            }
        }
        if (elements > 0 && (texts > 0 || nested > 1) || elements == 0 && texts + nested > 1) return false;
        if (elements > 0)
        {
            if (!CompileList(nodes, n.FirstChild, depth + 1, allowSlot: true, out e.A, out e.B)) return false;
            e.Content = Content.Children;
        }
        else if (text >= 0) SetText(ref e, nodes[text]);
        index = Add(e);
        return true;
    }

    /// <summary>
    /// An unnamed <c>Data</c>: its attributes are ignored and its content must be one value or none;
    /// <see cref="CompileList"/> gathers it with its unnamed siblings into one group.
    /// </summary>
    bool CompileUnnamedData(Node[] nodes, int node, out int index)
    {
        index = -1;
        var e = new Element();
        var text = -1;
        for (var c = nodes[node].FirstChild; c >= 0; c = nodes[c].Next)
        {
            if (nodes[c].Kind == NodeKind.PI) continue;
            if (text >= 0 || nodes[c].Kind is not (NodeKind.Value or NodeKind.Substitution)) return false;
            text = c;
        }
        if (text >= 0) SetText(ref e, nodes[text]);
        index = Add(e);
        return true;
    }

    /// <summary>An element's one text item: a substitution slot or a literal value.</summary>
    void SetText(ref Element e, in Node text)
    {
        if (text.Kind == NodeKind.Substitution)
        {
            e.Content = Content.Slot;
            e.A = text.Name;
        }
        else
        {
            e.Content = Content.Literal;
            (e.A, e.B) = LiteralValue(text, false);
        }
    }

    int Add(in Element e)
    {
        if (_elementCount == Elements.Length) Array.Resize(ref Elements, _elementCount * 2);
        Elements[_elementCount] = e;
        return _elementCount++;
    }

    void AddChild(int element)
    {
        if (_childCount == Children.Length) Array.Resize(ref Children, _childCount * 2);
        Children[_childCount++] = element;
    }

    (int, int) LiteralKey(ReadOnlySpan<char> key)
    {
        var start = _literals.Length;
        _literals.Write((byte)'"');
        _literals.WriteJsonEscaped(key);
        _literals.Write("\":"u8);
        return (start, _literals.Length - start);
    }

    (int, int) LiteralValue(in Node value, bool fullPrecision)
    {
        var start = _literals.Length;
        _values.Write(_literals, value.Type, _view.Bytes(value.Offset, value.Length), fullPrecision);
        return (start, _literals.Length - start);
    }
}
