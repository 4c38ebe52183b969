using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Renders a parsed record as one JSON object in the layout of <c>evtx_dump -o json</c> (Rust evtx
/// 0.8), straight from the node tree. The map is built the way that tool builds it, so its corner
/// cases come out the same:
/// <list type="bullet">
/// <item>an element → key; without attributes its text is the value (<c>null</c> when empty);</item>
/// <item>with non-null attributes → <c>{"#attributes":{…}, "#text": v, children…}</c>; repeated such
///   elements merge into one object;</item>
/// <item>a repeated attribute-less key: the newest value takes the key, the earlier one moves to the
///   first free <c>key_N</c>;</item>
/// <item><c>Data Name="X"</c> → key X; unnamed <c>Data</c> → <c>"Data":{"#text": v}</c>, several → an array;</item>
/// <item>integers, reals and booleans are JSON literals, arrays JSON arrays, everything else strings.</item>
/// </list>
/// </summary>
internal sealed class JsonRenderer
{
    static readonly string TextKey = "#text";
    static readonly string AttributesKey = "#attributes";
    readonly RecordView _view;
    readonly NameTable _names;
    readonly ValueFormatter _fmt = new();
    readonly CharBuffer _text = new();
    readonly TextExtractor _textOf;
    readonly JsonTree _tree = new();
    readonly CharBuffer _stackText = new();
    int[] _stackStart = new int[64];
    int[] _nodeAt = new int[65]; // node of each open level (0 = root), −1 until first needed
    int _depth;
    int _root;

    public JsonRenderer(RecordView view)
    {
        _view = view;
        _names = view.Chunk.Names;
        _textOf = new TextExtractor(view, _fmt);
    }

    public void Render(Utf8Buffer output)
    {
        _tree.Clear();
        _stackText.Clear();
        _depth = 0;
        _root = _tree.NewNode(JsonTree.Kind.Object);
        _nodeAt[0] = _root;
        var v = new Visitor(this);
        ContentWalker.Walk(_view, _view.Doc.Root, _view.RecordScope, ref v);
        _tree.Write(_root, output);
    }

    struct Visitor(JsonRenderer r) : IContentVisitor
    {
        public void Element(in Scope scope, int node) => r.VisitElement(scope, node);

        public void Value(byte type, int offset, int length) => r.Characters(r.ValueNode(type, r._view.Bytes(offset, length), false));

        public void CharRef(int codePoint) => r.Characters(r.StringNode([(char)codePoint]));

        public void EntityRef(int name)
        {
            var n = r._names.Name(name);
            r.Characters(r.StringNode(Entities.Text(n) ?? "&" + n + ";"));
        }

        public void CData(int offset, int length) =>
            r.Characters(r.StringNode(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(r._view.Bytes(offset, length & ~1))));
    }

    void VisitElement(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        if (_depth >= Limits.MaxDepth * 2) throw new EvtxFormatException(0, "elements nested too deep to render");
        if (e.Name == _names.Data)
        {
            var nameAttr = FindAttribute(scope, node, _names.NameAttr);
            if (nameAttr >= 0)
            {
                _text.Clear();
                _textOf.Append(scope.Nodes[nameAttr].FirstChild, scope, _text);
                InsertWithoutAttributes(_text.Span);
            }
            else Push("Data");
        }
        else if (e.FirstAttr < 0) InsertWithoutAttributes(_names.Name(e.Name));
        else InsertWithAttributes(scope, node);
        var v = new Visitor(this);
        ContentWalker.Walk(_view, e.FirstChild, scope, ref v);
        _depth--;
        _stackText.Truncate(_stackStart[_depth]);
    }

    void Push(ReadOnlySpan<char> key)
    {
        if (_depth == _stackStart.Length)
        {
            Array.Resize(ref _stackStart, _depth * 2);
            Array.Resize(ref _nodeAt, _depth * 2 + 1);
        }
        _stackStart[_depth++] = _stackText.Length;
        _nodeAt[_depth] = -1;
        _stackText.Append(key);
    }

    ReadOnlySpan<char> Key(int level) =>
        _stackText.Span[_stackStart[level]..(level + 1 < _depth ? _stackStart[level + 1] : _stackText.Length)];

    /// <summary>The node at the first <paramref name="levels"/> keys of the stack, creating objects on the way (cached per open level).</summary>
    int Path(int levels)
    {
        var cached = _nodeAt[levels];
        if (cached >= 0) return cached;
        var parent = Path(levels - 1);
        if (_tree.KindOf(parent) != JsonTree.Kind.Object) _tree.MakeObject(parent);
        var key = Key(levels - 1);
        var c = _tree.Find(parent, key);
        if (c < 0)
        {
            c = _tree.NewNode(JsonTree.Kind.Object);
            _tree.Set(parent, key, c);
        }
        return _nodeAt[levels] = c;
    }

    int Parent()
    {
        var p = Path(_depth - 1);
        if (_tree.KindOf(p) != JsonTree.Kind.Object) _tree.MakeObject(p);
        return p;
    }

    void InsertWithoutAttributes(ReadOnlySpan<char> key)
    {
        Push(key);
        var parent = Parent();
        key = Key(_depth - 1);
        var created = _tree.NewNode(JsonTree.Kind.Null);
        _nodeAt[_depth] = created;
        var old = _tree.Set(parent, key, created);
        if (old < 0) return;
        // Repeated key: the earlier value moves to the first free key_N.
        var mark = _text.Length;
        Span<char> digits = stackalloc char[11];
        for (var slot = 1; ; slot++)
        {
            _text.Truncate(mark);
            _text.Append(key);
            _text.Append('_');
            slot.TryFormat(digits, out var n);
            _text.Append(digits[..n]);
            var probe = _text.Slice(mark);
            if (_tree.Find(parent, probe) >= 0) continue;
            _tree.Set(parent, probe, old);
            _text.Truncate(mark);
            return;
        }
    }

    void InsertWithAttributes(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        // evtx_dump takes an attribute's value from its value token only; character and entity
        // references inside an attribute become text of the enclosing element.
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
            for (var c = scope.Nodes[a].FirstChild; c >= 0; c = scope.Nodes[c].Next)
            {
                ref readonly var cn = ref scope.Nodes[c];
                if (cn.Kind == NodeKind.CharRef) Characters(StringNode([(char)cn.Name]));
                else if (cn.Kind == NodeKind.EntityRef)
                {
                    var en = _names.Name(cn.Name);
                    Characters(StringNode(Entities.Text(en) ?? "&" + en + ";"));
                }
            }
        Push(_names.Name(e.Name));
        int attrs = -1;
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            ref readonly var attr = ref scope.Nodes[a];
            if (!ContentWalker.TryFirstValue(_view, attr.FirstChild, scope, out var type, out var offset, out var length)) continue;
            if (attrs < 0) attrs = _tree.NewNode(JsonTree.Kind.Object);
            var value = ValueNode(type, _view.Bytes(offset, length), attr.Name == _names.SystemTime);
            _tree.Set(attrs, _names.Name(attr.Name), value);
        }
        if (attrs < 0)
        {
            var created = _tree.NewNode(JsonTree.Kind.Null);
            _tree.Set(Parent(), Key(_depth - 1), created);
            _nodeAt[_depth] = created;
            return;
        }
        var obj = Path(_depth);
        if (_tree.KindOf(obj) != JsonTree.Kind.Object) _tree.MakeObject(obj);
        _tree.Set(obj, AttributesKey, attrs);
    }

    void Characters(int value)
    {
        var current = Path(_depth);
        switch (_tree.KindOf(current))
        {
            case JsonTree.Kind.Null:
                _tree.CopyNode(value, current);
                return;
            case JsonTree.Kind.Object:
            {
                var text = _tree.Find(current, TextKey);
                if (text < 0) _tree.Set(current, TextKey, value);
                else AppendTo(text, value);
                return;
            }
            case JsonTree.Kind.Scalar when _tree.KindOf(value) == JsonTree.Kind.Scalar:
                _tree.Concatenate(current, value);
                return;
            default:
                AppendTo(current, value);
                return;
        }
    }

    /// <summary>Turns <paramref name="existing"/> into an array (if it is not one) and appends <paramref name="value"/>.</summary>
    void AppendTo(int existing, int value)
    {
        if (_tree.KindOf(existing) != JsonTree.Kind.Array)
        {
            var moved = _tree.NewNode(JsonTree.Kind.Null);
            _tree.CopyNode(existing, moved);
            var array = _tree.NewNode(JsonTree.Kind.Array);
            _tree.CopyNode(array, existing);
            _tree.AddItem(existing, moved);
        }
        _tree.AddItem(existing, value);
    }

    static int FindAttribute(in Scope scope, int node, int name)
    {
        for (var a = scope.Nodes[node].FirstAttr; a >= 0; a = scope.Nodes[a].Next)
            if (scope.Nodes[a].Name == name) return a;
        return -1;
    }

    int StringNode(ReadOnlySpan<char> text)
    {
        var s = _tree.Scalars;
        var start = s.Length;
        s.Write((byte)'"');
        s.WriteJsonEscaped(text);
        s.Write((byte)'"');
        var n = _tree.NewNode(JsonTree.Kind.Scalar);
        _tree.SetScalar(n, start);
        return n;
    }

    int ValueNode(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        if (type == BinXmlValueType.Null) return _tree.NewNode(JsonTree.Kind.Null);
        if ((type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            var array = _tree.NewNode(JsonTree.Kind.Array);
            foreach (var item in ValueFormatter.Items(itemType, bytes))
                _tree.AddItem(array, ScalarNode(itemType, item, false));
            return array;
        }
        return ScalarNode(type, bytes, fullPrecision);
    }

    int ScalarNode(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        var text = _fmt.Format(type, bytes, fullPrecision);
        if (!ValueFormatter.IsJsonLiteral(type)) return StringNode(text);
        var s = _tree.Scalars;
        var start = s.Length;
        s.WriteAscii(text);
        var n = _tree.NewNode(JsonTree.Kind.Scalar);
        _tree.SetScalar(n, start);
        return n;
    }
}
