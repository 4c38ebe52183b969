using Harrier.Evtx.BinXml;

namespace Harrier.Evtx.Rendering;

/// <summary>Receives the content of an element (or fragment) with substitutions and nested BinXml resolved.</summary>
internal interface IContentVisitor
{
    void Element(in Scope scope, int node);

    /// <summary>A value (literal text or substitution). Null values are passed too (type 0).</summary>
    void Value(byte type, int offset, int length);

    void CharRef(int codePoint);

    void EntityRef(int name);

    void CData(int offset, int length);
}

internal static class ContentWalker
{
    /// <summary>Visits the node list starting at <paramref name="first"/>, expanding substitutions, nested BinXml and template instances.</summary>
    public static void Walk<T>(RecordView view, int first, in Scope scope, ref T visitor, int depth = 0)
        where T : struct, IContentVisitor
    {
        if (depth > Limits.MaxDepth) throw new EvtxFormatException(0, $"BinXml nested deeper than {Limits.MaxDepth} while rendering");
        var nodes = scope.Nodes;
        for (var i = first; i >= 0; i = nodes[i].Next)
        {
            ref readonly var n = ref nodes[i];
            switch (n.Kind)
            {
                case NodeKind.Element:
                    visitor.Element(scope, i);
                    break;
                case NodeKind.Value:
                    visitor.Value(n.Type, n.Offset, n.Length);
                    break;
                case NodeKind.Substitution:
                {
                    var v = view.Value(scope, n.Name);
                    if (v.Type == BinXmlValueType.BinXml)
                    {
                        if (v.Nested >= 0) Walk(view, v.Nested, view.RecordScope, ref visitor, depth + 1);
                    }
                    else visitor.Value(v.Type, v.Offset, v.Length);
                    break;
                }
                case NodeKind.TemplateInstance:
                    if (n.Name >= 0) Walk(view, n.Name, view.TemplateScope(n), ref visitor, depth + 1);
                    break;
                case NodeKind.CharRef:
                    visitor.CharRef(n.Name);
                    break;
                case NodeKind.EntityRef:
                    visitor.EntityRef(n.Name);
                    break;
                case NodeKind.CData:
                    visitor.CData(n.Offset, n.Length);
                    break;
            }
        }
    }

    /// <summary>Counts child elements and non-null text items of a content list.</summary>
    public static void Classify(RecordView view, int first, in Scope scope, out int elements, out int texts)
    {
        var c = new Counter();
        Walk(view, first, scope, ref c);
        elements = c.Elements;
        texts = c.Texts;
    }

    struct Counter : IContentVisitor
    {
        public int Elements, Texts;
        public void Element(in Scope scope, int node) => Elements++;
        public void Value(byte type, int offset, int length)
        {
            if (type != BinXmlValueType.Null) Texts++;
        }
        public void CharRef(int codePoint) => Texts++;
        public void EntityRef(int name) => Texts++;
        public void CData(int offset, int length) => Texts++;
    }

    /// <summary>The single non-null value of a content list (when <see cref="Classify"/> found exactly one text item and it is a value).</summary>
    public static bool TrySingleValue(RecordView view, int first, in Scope scope, out byte type, out int offset, out int length)
    {
        var f = new SingleValue();
        Walk(view, first, scope, ref f);
        type = f.Type;
        offset = f.Offset;
        length = f.Length;
        return f.Found == 1 && !f.Other;
    }

    /// <summary>The first non-null value of a content list (references and CDATA ignored).</summary>
    public static bool TryFirstValue(RecordView view, int first, in Scope scope, out byte type, out int offset, out int length)
    {
        var f = new SingleValue();
        Walk(view, first, scope, ref f);
        type = f.FirstType;
        offset = f.FirstOffset;
        length = f.FirstLength;
        return f.Found > 0;
    }

    struct SingleValue : IContentVisitor
    {
        public int Found;
        public bool Other;
        public byte Type, FirstType;
        public int Offset, Length, FirstOffset, FirstLength;
        public void Element(in Scope scope, int node) { }
        public void Value(byte type, int offset, int length)
        {
            if (type == BinXmlValueType.Null) return;
            if (Found++ == 0)
            {
                FirstType = type;
                FirstOffset = offset;
                FirstLength = length;
            }
            Type = type;
            Offset = offset;
            Length = length;
        }
        public void CharRef(int codePoint) => Other = true;
        public void EntityRef(int name) => Other = true;
        public void CData(int offset, int length) => Other = true;
    }
}
