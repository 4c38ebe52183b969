using System.Runtime.InteropServices;
using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Renders a parsed record as event XML the way Windows shows it: attributes in document order with
/// null-valued ones left out, empty elements self-closed, GUIDs in braces, FILETIMEs with all seven
/// fractional digits, array items as comma-separated text.
/// </summary>
internal sealed class XmlRenderer
{
    readonly RecordView _view;
    readonly NameTable _names;
    readonly ValueFormatter _fmt = new();
    readonly CharBuffer _text = new();
    readonly TextExtractor _textOf;
    Utf8Buffer _o = null!;

    public XmlRenderer(RecordView view)
    {
        _view = view;
        _names = view.Chunk.Names;
        _textOf = new TextExtractor(view, _fmt);
    }

    public void Render(Utf8Buffer output)
    {
        _o = output;
        var w = new Writer(this);
        ContentWalker.Walk(_view, _view.Doc.Root, _view.RecordScope, ref w);
    }

    struct Writer(XmlRenderer r) : IContentVisitor
    {
        public void Element(in Scope scope, int node) => r.WriteElement(scope, node);

        public void Value(byte type, int offset, int length) => r.WriteValue(type, r._view.Bytes(offset, length), false);

        public void CharRef(int codePoint)
        {
            r._o.Write("&#"u8);
            Span<char> d = stackalloc char[8];
            codePoint.TryFormat(d, out var n);
            r._o.WriteAscii(d[..n]);
            r._o.Write((byte)';');
        }

        public void EntityRef(int name)
        {
            r._o.Write((byte)'&');
            r._o.Write(r._names.Utf8(name));
            r._o.Write((byte)';');
        }

        public void CData(int offset, int length)
        {
            r._o.Write("<![CDATA["u8);
            r._o.WriteUtf16(MemoryMarshal.Cast<byte, char>(r._view.Bytes(offset, length & ~1)));
            r._o.Write("]]>"u8);
        }
    }

    /// <summary>
    /// Writes an element. When its content is one array value, Windows repeats the element once per
    /// item (<c>&lt;Data&gt;a&lt;/Data&gt;&lt;Data&gt;b&lt;/Data&gt;</c>), and so does this.
    /// </summary>
    void WriteElement(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        ContentWalker.Classify(_view, e.FirstChild, scope, out var elements, out var texts);
        if (elements == 0 && texts == 1 && ContentWalker.TrySingleValue(_view, e.FirstChild, scope, out var type, out var offset, out var length)
            && (type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            var items = 0;
            foreach (var item in ValueFormatter.Items(itemType, _view.Bytes(offset, length)))
            {
                items++;
                WriteStartTag(scope, node);
                _o.Write((byte)'>');
                WriteValue(itemType, item, false);
                WriteEndTag(e.Name);
            }
            if (items == 0)
            {
                WriteStartTag(scope, node);
                _o.Write("/>"u8);
            }
            return;
        }
        WriteStartTag(scope, node);
        if (elements == 0 && texts == 0)
        {
            _o.Write("/>"u8);
            return;
        }
        _o.Write((byte)'>');
        var w = new Writer(this);
        ContentWalker.Walk(_view, e.FirstChild, scope, ref w);
        WriteEndTag(e.Name);
    }

    void WriteEndTag(int name)
    {
        _o.Write("</"u8);
        _o.Write(_names.Utf8(name));
        _o.Write((byte)'>');
    }

    void WriteStartTag(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        var name = _names.Utf8(e.Name);
        _o.Write((byte)'<');
        _o.Write(name);
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            ref readonly var attr = ref scope.Nodes[a];
            ContentWalker.Classify(_view, attr.FirstChild, scope, out _, out var texts);
            if (texts == 0) continue;
            _o.Write((byte)' ');
            _o.Write(_names.Utf8(attr.Name));
            _o.Write("=\""u8);
            var full = attr.Name == _names.SystemTime;
            if (texts == 1 && ContentWalker.TrySingleValue(_view, attr.FirstChild, scope, out var type, out var offset, out var length))
                WriteValue(type, _view.Bytes(offset, length), full);
            else
            {
                _text.Clear();
                _textOf.Append(attr.FirstChild, scope, _text, full);
                _o.WriteXmlEscaped(_text.Span);
            }
            _o.Write((byte)'"');
        }
    }

    void WriteValue(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        if (type == BinXmlValueType.Null) return;
        if (type == BinXmlValueType.Guid)
        {
            _o.Write((byte)'{');
            _o.WriteAscii(_fmt.Format(type, bytes));
            _o.Write((byte)'}');
            return;
        }
        _text.Clear();
        _textOf.AppendValue(type, bytes, fullPrecision || type == BinXmlValueType.FileTime, _text);
        _o.WriteXmlEscaped(_text.Span);
    }
}
