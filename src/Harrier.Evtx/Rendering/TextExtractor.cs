using System.Runtime.InteropServices;
using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>The text of a content list: values formatted as in the JSON rendering, array items joined with commas, references resolved.</summary>
internal sealed class TextExtractor(RecordView view, ValueFormatter fmt)
{
    readonly RecordView _view = view;
    readonly ValueFormatter _fmt = fmt;
    CharBuffer _into = null!;
    string _itemSeparator = ",";

    /// <summary>Appends the text of the content list starting at <paramref name="first"/> to <paramref name="into"/>.</summary>
    public void Append(int first, in Scope scope, CharBuffer into, bool fullPrecision = false)
    {
        _into = into;
        _itemSeparator = ",";
        var c = new Collector(this, fullPrecision);
        ContentWalker.Walk(_view, first, scope, ref c);
    }

    struct Collector(TextExtractor t, bool fullPrecision) : IContentVisitor
    {
        public void Element(in Scope scope, int node) { }

        public void Value(byte type, int offset, int length) => t.AppendValueCore(type, t._view.Bytes(offset, length), fullPrecision);

        public void CharRef(int codePoint) => t._into.Append((char)codePoint);

        public void EntityRef(int name)
        {
            var n = t._view.Chunk.Names.Name(name);
            t._into.Append(Entities.Text(n) ?? "&" + n + ";");
        }

        public void CData(int offset, int length) => t._into.Append(MemoryMarshal.Cast<byte, char>(t._view.Bytes(offset, length & ~1)));
    }

    public void AppendValue(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision, CharBuffer into)
    {
        _into = into;
        AppendValueCore(type, bytes, fullPrecision);
    }

    void AppendValueCore(byte type, ReadOnlySpan<byte> bytes, bool fullPrecision)
    {
        if (type == BinXmlValueType.Null) return;
        if ((type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            var first = true;
            foreach (var item in ValueFormatter.Items(itemType, bytes))
            {
                if (!first) _into.Append(_itemSeparator);
                first = false;
                _into.Append(_fmt.Format(itemType, item));
            }
            return;
        }
        _into.Append(_fmt.Format(type, bytes, fullPrecision));
    }
}
