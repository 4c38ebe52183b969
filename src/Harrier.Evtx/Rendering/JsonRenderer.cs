using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Renders a parsed record as one JSON object in the layout of <c>evtx_dump -o json</c> straight from
/// the node tree: element → key; attributes under <c>#attributes</c> (null-valued ones left out); text
/// under <c>#text</c> when the element also has attributes or children, else as the value itself;
/// empty elements as <c>null</c>; <c>Data Name="X"</c> as key X; repeated keys suffixed <c>_1</c>, <c>_2</c>…;
/// integers, reals and booleans as JSON literals, every other type as a string.
/// </summary>
internal sealed class JsonRenderer
{
    readonly RecordView _view;
    readonly NameTable _names;
    readonly ValueFormatter _fmt = new();
    readonly CharBuffer _text = new();
    readonly KeySet _keys = new();
    readonly TextExtractor _textOf;
    Utf8Buffer _o = null!;

    public JsonRenderer(RecordView view)
    {
        _view = view;
        _names = view.Chunk.Names;
        _textOf = new TextExtractor(view, _fmt);
    }

    public void Render(Utf8Buffer output)
    {
        _o = output;
        _keys.Clear();
        _o.Write((byte)'{');
        var w = new MemberWriter(this, _keys.Open());
        ContentWalker.Walk(_view, _view.Doc.Root, _view.RecordScope, ref w);
        _keys.Close(w.KeyBase);
        _o.Write((byte)'}');
    }

    /// <summary>Writes each child element as an object member.</summary>
    struct MemberWriter(JsonRenderer r, int keyBase) : IContentVisitor
    {
        public readonly int KeyBase = keyBase;
        bool _any;

        public void Element(in Scope scope, int node)
        {
            if (_any) r._o.Write((byte)',');
            _any = true;
            r.WriteMember(scope, node, KeyBase);
        }

        public void Value(byte type, int offset, int length) { }
        public void CharRef(int codePoint) { }
        public void EntityRef(int name) { }
        public void CData(int offset, int length) { }
    }

    void WriteMember(in Scope scope, int node, int keyBase)
    {
        ref readonly var e = ref scope.Nodes[node];
        if (e.Name == _names.Data)
        {
            var nameAttr = FindAttribute(scope, node, _names.NameAttr);
            if (nameAttr >= 0)
            {
                // <Data Name="X">v</Data> → "X": v (the element's other attributes are dropped).
                _text.Clear();
                AppendText(scope.Nodes[nameAttr].FirstChild, scope);
                WriteKey(_text.Span, keyBase);
                ContentWalker.Classify(_view, e.FirstChild, scope, out var el, out var tx);
                if (el == 0) WriteTextValue(e.FirstChild, scope, tx);
                else WriteObject(scope, node, withAttributes: false, el, tx);
                return;
            }
            // Unnamed <Data>: an object holding its text under #text.
            WriteKey("Data", keyBase);
            ContentWalker.Classify(_view, e.FirstChild, scope, out var elements, out var texts);
            if (elements == 0)
            {
                _o.Write("{\"#text\":"u8);
                WriteTextValue(e.FirstChild, scope, texts);
                _o.Write((byte)'}');
            }
            else WriteObject(scope, node, withAttributes: false, elements, texts);
            return;
        }
        WriteKey(_names.Name(e.Name), keyBase);
        WriteElementValue(scope, node);
    }

    void WriteElementValue(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        var hasAttributes = HasNonNullAttribute(scope, node);
        ContentWalker.Classify(_view, e.FirstChild, scope, out var elements, out var texts);
        if (!hasAttributes && elements == 0)
        {
            WriteTextValue(e.FirstChild, scope, texts);
            return;
        }
        WriteObject(scope, node, hasAttributes, elements, texts);
    }

    void WriteObject(in Scope scope, int node, bool withAttributes, int elements, int texts)
    {
        ref readonly var e = ref scope.Nodes[node];
        _o.Write((byte)'{');
        var any = false;
        if (withAttributes)
        {
            _o.Write("\"#attributes\":{"u8);
            var first = true;
            for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
            {
                ref readonly var attr = ref scope.Nodes[a];
                ContentWalker.Classify(_view, attr.FirstChild, scope, out _, out var n);
                if (n == 0) continue;
                if (!first) _o.Write((byte)',');
                first = false;
                _o.Write((byte)'"');
                _o.Write(_names.Utf8(attr.Name));
                _o.Write("\":"u8);
                WriteTextValue(attr.FirstChild, scope, n, fullPrecision: attr.Name == _names.SystemTime);
            }
            _o.Write((byte)'}');
            any = true;
        }
        if (elements > 0)
        {
            if (any) _o.Write((byte)',');
            var w = new MemberWriter(this, _keys.Open());
            ContentWalker.Walk(_view, e.FirstChild, scope, ref w);
            _keys.Close(w.KeyBase);
            any = true;
        }
        if (texts > 0)
        {
            if (any) _o.Write((byte)',');
            _o.Write("\"#text\":"u8);
            WriteTextValue(e.FirstChild, scope, texts);
        }
        _o.Write((byte)'}');
    }

    bool HasNonNullAttribute(in Scope scope, int node)
    {
        for (var a = scope.Nodes[node].FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            ContentWalker.Classify(_view, scope.Nodes[a].FirstChild, scope, out _, out var n);
            if (n > 0) return true;
        }
        return false;
    }

    static int FindAttribute(in Scope scope, int node, int name)
    {
        for (var a = scope.Nodes[node].FirstAttr; a >= 0; a = scope.Nodes[a].Next)
            if (scope.Nodes[a].Name == name) return a;
        return -1;
    }

    void WriteKey(ReadOnlySpan<char> key, int keyBase)
    {
        var suffix = _keys.Add(key, keyBase);
        _o.Write((byte)'"');
        _o.WriteJsonEscaped(key);
        if (suffix > 0)
        {
            _o.Write((byte)'_');
            Span<char> digits = stackalloc char[12];
            suffix.TryFormat(digits, out var n);
            _o.WriteAscii(digits[..n]);
        }
        _o.Write("\":"u8);
    }

    /// <summary>Writes the text content: null, one typed value, or several items concatenated as a string.</summary>
    void WriteTextValue(int first, in Scope scope, int texts, bool fullPrecision = false)
    {
        if (texts == 0)
        {
            _o.Write("null"u8);
            return;
        }
        if (texts == 1 && ContentWalker.TrySingleValue(_view, first, scope, out var type, out var offset, out var length))
        {
            WriteValue(type, _view.Bytes(offset, length), fullPrecision);
            return;
        }
        _text.Clear();
        AppendText(first, scope);
        _o.Write((byte)'"');
        _o.WriteJsonEscaped(_text.Span);
        _o.Write((byte)'"');
    }

    void WriteValue(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        if ((type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            _o.Write((byte)'[');
            var first = true;
            foreach (var item in ValueFormatter.Items(itemType, bytes))
            {
                if (!first) _o.Write((byte)',');
                first = false;
                WriteScalar(itemType, item, false);
            }
            _o.Write((byte)']');
            return;
        }
        WriteScalar(type, bytes, fullPrecision);
    }

    void WriteScalar(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        var text = _fmt.Format(type, bytes, fullPrecision);
        if (ValueFormatter.IsJsonLiteral(type))
        {
            _o.WriteAscii(text);
            return;
        }
        if (type == BinXmlValueType.Null)
        {
            _o.Write("null"u8);
            return;
        }
        _o.Write((byte)'"');
        _o.WriteJsonEscaped(text);
        _o.Write((byte)'"');
    }

    void AppendText(int first, in Scope scope) => _textOf.Append(first, scope, _text);
}
