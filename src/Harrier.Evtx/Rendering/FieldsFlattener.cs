using System.Buffers.Binary;
using System.Globalization;
using Harrier.Evtx.BinXml;
using Harrier.Evtx.Events;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// Flattens a parsed record into <see cref="EventFields"/> by the rules in its doc comment: System
/// children and their attributes (<c>Element_Attribute</c>), EventData <c>Data Name="X"</c> as X
/// (spaces removed), unnamed Data as the multi-valued <c>Data</c>, UserData's inner leaves by name.
/// Values are the JSON rendering's text; null values are left out. Fields are named as the record spells them
/// (<see cref="FieldNames.InternSpelling"/> ids, cached per name id; "field" below means such a spelling id).
/// This file is the tree flattener, which walks the parsed record; FieldsFlattener.Compiled.cs is the
/// fast path that runs compiled template programs and falls back to this one.
/// </summary>
internal sealed partial class FieldsFlattener
{
    readonly RecordView _view;
    readonly NameTable _names;
    readonly TextExtractor _textOf;
    readonly ValueFormatter _fmt = new();
    readonly CharBuffer _text = new();
    readonly CharBuffer _key = new();
    int[] _fieldOfName = new int[256];
    EventFields _into = null!;

    public FieldsFlattener(RecordView view)
    {
        _view = view;
        _names = view.Chunk.Names;
        _textOf = new TextExtractor(view, _fmt);
        Array.Fill(_fieldOfName, -1);
        _templates = new FieldsTemplates(view, this);
    }

    /// <summary>Flattens the current record by walking its tree (the reference the compiled path is tested against).</summary>
    public void FillTree(EventFields into, ulong recordId, long writtenTime, bool carved)
    {
        Start(into, recordId, writtenTime, carved);
        _into = into;
        var w = new TopLevel(this, 0);
        ContentWalker.Walk(_view, _view.Doc.Root, _view.RecordScope, ref w);
        SetEventId(into);
    }

    static void Start(EventFields into, ulong recordId, long writtenTime, bool carved)
    {
        into.Clear();
        into.RecordId = recordId;
        into.TimeCreated = writtenTime;
        into.Carved = carved;
    }

    static void SetEventId(EventFields into)
    {
        if (into.TryGet(FieldNames.EventId, out var id) && int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            into.EventId = n;
    }

    /// <summary>The spelling id of an element name (a chunk name id), interned once.</summary>
    internal int FieldOf(int nameId)
    {
        if (nameId >= _fieldOfName.Length)
        {
            var old = _fieldOfName.Length;
            Array.Resize(ref _fieldOfName, Math.Max(old * 2, nameId + 1));
            Array.Fill(_fieldOfName, -1, old, _fieldOfName.Length - old);
        }
        var f = _fieldOfName[nameId];
        if (f < 0) f = _fieldOfName[nameId] = FieldNames.InternSpelling(_names.Name(nameId));
        return f;
    }

    /// <summary>Levels: 0 = fragment (Event), 1 = Event's children (System, EventData, UserData…), 2+ = below.</summary>
    struct TopLevel(FieldsFlattener f, int level) : IContentVisitor
    {
        public void Element(in Scope scope, int node)
        {
            ref readonly var e = ref scope.Nodes[node];
            if (level == 0)
            {
                var w = new TopLevel(f, 1);
                ContentWalker.Walk(f._view, e.FirstChild, scope, ref w);
            }
            else if (e.Name == f._names.System) f.System(scope, node);
            else if (e.Name == f._names.EventData) f.EventData(scope, node);
            else if (e.Name == f._names.UserData) f.UserData(scope, e.FirstChild);
        }

        public void Value(byte type, int offset, int length) { }
        public void CharRef(int codePoint) { }
        public void EntityRef(int name) { }
        public void CData(int offset, int length) { }
    }

    void System(in Scope scope, int node)
    {
        var w = new Children(this, Mode.System);
        ContentWalker.Walk(_view, scope.Nodes[node].FirstChild, scope, ref w);
    }

    void EventData(in Scope scope, int node)
    {
        var w = new Children(this, Mode.EventData);
        ContentWalker.Walk(_view, scope.Nodes[node].FirstChild, scope, ref w);
    }

    /// <summary>UserData: the children of each of its child elements, by leaf name.</summary>
    void UserData(in Scope scope, int first)
    {
        var w = new Children(this, Mode.UserData);
        ContentWalker.Walk(_view, first, scope, ref w);
    }

    enum Mode { System, EventData, UserData, Leaves }

    struct Children(FieldsFlattener f, Mode mode) : IContentVisitor
    {
        public void Element(in Scope scope, int node)
        {
            switch (mode)
            {
                case Mode.System: f.SystemChild(scope, node); break;
                case Mode.EventData: f.EventDataChild(scope, node); break;
                case Mode.UserData:
                {
                    var w = new Children(f, Mode.Leaves);
                    ContentWalker.Walk(f._view, scope.Nodes[node].FirstChild, scope, ref w);
                    break;
                }
                default: f.Leaf(scope, node); break;
            }
        }

        public void Value(byte type, int offset, int length) { }
        public void CharRef(int codePoint) { }
        public void EntityRef(int name) { }
        public void CData(int offset, int length) { }
    }

    void SystemChild(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        AddText(FieldOf(e.Name), e.FirstChild, scope);
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            ref readonly var attr = ref scope.Nodes[a];
            var full = attr.Name == _names.SystemTime;
            if (full && e.Name == _names.TimeCreated) CaptureTime(attr.FirstChild, scope);
            AddText(AttributeField(_key, e.Name, attr.Name), attr.FirstChild, scope, full);
        }
    }

    void CaptureTime(int first, in Scope scope)
    {
        if (ContentWalker.TrySingleValue(_view, first, scope, out var type, out var offset, out var length)
            && type == BinXmlValueType.FileTime && length == 8)
            _into.TimeCreated = BinaryPrimitives.ReadInt64LittleEndian(_view.Bytes(offset, 8));
    }

    void EventDataChild(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        if (e.Name != _names.Data)
        {
            Leaf(scope, node);
            return;
        }
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            if (scope.Nodes[a].Name != _names.NameAttr) continue;
            _key.Clear();
            _textOf.Append(scope.Nodes[a].FirstChild, scope, _key);
            AddText(DataField(_key), e.FirstChild, scope);
            return;
        }
        // Unnamed Data: every value (array items separately) under "Data".
        AddText(FieldNames.DataSpelling, e.FirstChild, scope);
    }

    /// <summary>The spelling id of an attribute's field: <c>Element_Attribute</c> (built in <paramref name="key"/>).</summary>
    internal int AttributeField(CharBuffer key, int element, int attribute)
    {
        key.Clear();
        key.Append(_names.Name(element));
        key.Append('_');
        key.Append(_names.Name(attribute));
        return FieldNames.InternSpelling(key.Span);
    }

    /// <summary>The spelling id of <c>Data Name="X"</c>, X being the text in <paramref name="name"/>: X with spaces removed.</summary>
    internal static int DataField(CharBuffer name)
    {
        var text = name.Span;
        if (!text.Contains(' ')) return FieldNames.InternSpelling(text);
        var start = name.Length;
        foreach (var c in text) if (c != ' ') name.Append(c);
        return FieldNames.InternSpelling(name.Slice(start));
    }

    /// <summary>An element below EventData/UserData: its attributes as Name_Attribute, its children by leaf name, its text (null as empty).</summary>
    void Leaf(in Scope scope, int node)
    {
        ref readonly var e = ref scope.Nodes[node];
        for (var a = e.FirstAttr; a >= 0; a = scope.Nodes[a].Next)
        {
            ref readonly var attr = ref scope.Nodes[a];
            var attrName = _names.Name(attr.Name);
            if (attrName.StartsWith("xmlns", StringComparison.Ordinal)) continue;
            ContentWalker.Classify(_view, attr.FirstChild, scope, out _, out var n);
            if (n == 0) continue;
            AddText(AttributeField(_key, e.Name, attr.Name), attr.FirstChild, scope);
        }
        ContentWalker.Classify(_view, e.FirstChild, scope, out var elements, out _);
        if (elements > 0)
        {
            var w = new Children(this, Mode.Leaves);
            ContentWalker.Walk(_view, e.FirstChild, scope, ref w);
        }
        AddText(FieldOf(e.Name), e.FirstChild, scope);
    }

    /// <summary>Flattens one content list into <paramref name="into"/> (the template compiler's constants).</summary>
    internal void AddText(EventFields into, int field, int first, in Scope scope, bool fullPrecision)
    {
        var saved = _into;
        _into = into;
        try
        {
            AddText(field, first, scope, fullPrecision);
        }
        finally
        {
            _into = saved;
        }
    }

    void AddText(int field, int first, in Scope scope, bool fullPrecision = false)
    {
        ContentWalker.Classify(_view, first, scope, out _, out var texts);
        if (texts == 0) return; // null values are left out (as the evtx_dump-JSON reader does)
        if (texts == 1 && ContentWalker.TrySingleValue(_view, first, scope, out var type, out var offset, out var length)
            && (type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            foreach (var item in ValueFormatter.Items(itemType, _view.Bytes(offset, length)))
                _into.AddSpelled(field, _fmt.Format(itemType, item));
            return;
        }
        _text.Clear();
        _textOf.Append(first, scope, _text, fullPrecision);
        _into.AddSpelled(field, _text.Span);
    }
}
