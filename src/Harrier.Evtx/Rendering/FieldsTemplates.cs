using Harrier.Evtx.BinXml;
using Harrier.Evtx.Events;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// A chunk's templates compiled once into flattening programs for <see cref="FieldsFlattener"/>'s fast
/// path: the flattened (field, value) entries of a template as a flat list of operations, each with its
/// field id already resolved (element names, <c>Element_Attribute</c> keys, <c>Data Name="X"</c>), so a
/// record only formats its substitution values. Text that does not depend on the record is flattened
/// once, by the tree flattener itself, and kept as constants. Only shapes whose flattening depends on
/// nothing but the slot values compile; a template with a corner case (a <c>Data</c> name from a
/// substitution, text made of several parts around a substitution, a template instance inside a
/// template) is marked as not compiled and its records take the tree flattener. Storage is reused
/// chunk after chunk.
/// </summary>
internal sealed class FieldsTemplates
{
    /// <summary>Where a node list sits in the event, which decides what its elements flatten to.</summary>
    public enum Context : byte
    {
        /// <summary>The record's fragment: each element's children are the event's sections.</summary>
        Top,
        /// <summary>The event's children: System, EventData and UserData flatten, the rest is skipped.</summary>
        Sections,
        System,
        EventData,
        /// <summary>UserData's content: the children of each of its elements, as leaves.</summary>
        UserData,
        Leaves,
    }

    public enum OpKind : byte
    {
        /// <summary>Add (Field, constant text).</summary>
        Constant,
        /// <summary>Add Field = the text of substitution Slot (nothing when null; array items one by one).</summary>
        Slot,
        /// <summary>Substitution Slot among elements: nested BinXml flattens here in <see cref="Op.In"/>.</summary>
        Nested,
    }

    public struct Op
    {
        public OpKind Kind;
        public Context In;
        public bool FullPrecision;
        /// <summary>TimeCreated/@SystemTime: a FILETIME value also sets <see cref="EventFields.TimeCreated"/>.</summary>
        public bool CaptureTime;
        /// <summary>Nested: the substitution sits in the template body's own node list, not inside one of its elements.</summary>
        public bool AtTop;
        public int Field; // a spelling id (FieldNames.InternSpelling)
        public int Slot;
        /// <summary>Constant: its text in <see cref="Constants"/>.</summary>
        public int Start, Length;
    }

    /// <summary>A compiled template in one context: a range of <see cref="Ops"/>, or not compiled.</summary>
    public readonly record struct Program(bool Compiled, int First, int Count);

    readonly RecordView _view;
    readonly NameTable _names;
    readonly FieldsFlattener _tree;
    readonly TextExtractor _textOf;
    readonly CharBuffer _key = new();
    readonly CharBuffer _constants = new();
    readonly EventFields _scratch = new();
    readonly Dictionary<long, Program> _programs = new();
    public Op[] Ops = new Op[256];
    int _opCount;
    int _generation = -1;

    public FieldsTemplates(RecordView view, FieldsFlattener tree)
    {
        _view = view;
        _names = view.Chunk.Names;
        _tree = tree;
        _textOf = new TextExtractor(view, new ValueFormatter());
    }

    public ReadOnlySpan<char> Constant(in Op op) => _constants.Span.Slice(op.Start, op.Length);

    /// <summary>The program of the template whose body starts at <paramref name="root"/> in the chunk's template arena, flattened in <paramref name="context"/>.</summary>
    public Program Get(int root, Context context)
    {
        if (_generation != _view.Chunk.Generation)
        {
            _generation = _view.Chunk.Generation;
            _programs.Clear();
            _constants.Clear();
            _opCount = 0;
        }
        var key = (long)root << 8 | (byte)context;
        if (_programs.TryGetValue(key, out var p)) return p;
        var marks = (_opCount, _constants.Length);
        bool compiled;
        try
        {
            compiled = List(_view.Chunk.Templates.Nodes, root, context, 0);
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            compiled = false; // the tree flattener meets (and reports) the malformed value
        }
        if (compiled) p = new Program(true, marks._opCount, _opCount - marks._opCount);
        else
        {
            p = default;
            _opCount = marks._opCount;
            _constants.Truncate(marks.Length);
        }
        _programs[key] = p;
        return p;
    }

    /// <summary>A list of sibling nodes in <paramref name="context"/>: its elements, and substitutions that may bring nested elements.</summary>
    bool List(Node[] nodes, int first, Context context, int depth)
    {
        if (depth > Limits.MaxDepth) return false;
        for (var i = first; i >= 0; i = nodes[i].Next)
        {
            switch (nodes[i].Kind)
            {
                case NodeKind.Element:
                    if (!Element(nodes, i, context, depth)) return false;
                    break;
                case NodeKind.Substitution:
                    Emit(new Op { Kind = OpKind.Nested, In = context, Slot = nodes[i].Name, AtTop = depth == 0 });
                    break;
                case NodeKind.TemplateInstance:
                    return false;
                // Text, references, CDATA and PIs between elements flatten to nothing.
            }
        }
        return true;
    }

    bool Element(Node[] nodes, int node, Context context, int depth)
    {
        ref readonly var e = ref nodes[node];
        switch (context)
        {
            case Context.Top:
                return List(nodes, e.FirstChild, Context.Sections, depth + 1);
            case Context.Sections:
                if (e.Name == _names.System) return List(nodes, e.FirstChild, Context.System, depth + 1);
                if (e.Name == _names.EventData) return List(nodes, e.FirstChild, Context.EventData, depth + 1);
                if (e.Name == _names.UserData) return List(nodes, e.FirstChild, Context.UserData, depth + 1);
                return true;
            case Context.System:
                return SystemChild(nodes, node);
            case Context.EventData:
                return e.Name == _names.Data ? Data(nodes, node) : Leaf(nodes, node, depth);
            case Context.UserData:
                return List(nodes, e.FirstChild, Context.Leaves, depth + 1);
            default:
                return Leaf(nodes, node, depth);
        }
    }

    /// <summary>A child of System: its text under its name, then each attribute as <c>Element_Attribute</c>.</summary>
    bool SystemChild(Node[] nodes, int node)
    {
        ref readonly var e = ref nodes[node];
        if (!Text(nodes, e.FirstChild, _tree.FieldOf(e.Name), false, false)) return false;
        for (var a = e.FirstAttr; a >= 0; a = nodes[a].Next)
        {
            ref readonly var attr = ref nodes[a];
            var full = attr.Name == _names.SystemTime;
            if (!Text(nodes, attr.FirstChild, AttributeField(e.Name, attr.Name), full, full && e.Name == _names.TimeCreated)) return false;
        }
        return true;
    }

    /// <summary>A <c>Data</c> of EventData: under its constant <c>Name</c> (spaces removed), or under <c>Data</c> when unnamed.</summary>
    bool Data(Node[] nodes, int node)
    {
        ref readonly var e = ref nodes[node];
        for (var a = e.FirstAttr; a >= 0; a = nodes[a].Next)
        {
            if (nodes[a].Name != _names.NameAttr) continue;
            for (var c = nodes[a].FirstChild; c >= 0; c = nodes[c].Next)
                if (nodes[c].Kind is NodeKind.Substitution or NodeKind.TemplateInstance) return false; // a name per record
            _key.Clear();
            _textOf.Append(nodes[a].FirstChild, TemplateScope(nodes), _key);
            return Text(nodes, e.FirstChild, FieldsFlattener.DataField(_key), false, false);
        }
        return Text(nodes, e.FirstChild, FieldNames.DataSpelling, false, false);
    }

    /// <summary>An element below EventData/UserData: its attributes (not xmlns), its child elements as leaves, then its own text.</summary>
    bool Leaf(Node[] nodes, int node, int depth)
    {
        if (depth > Limits.MaxDepth) return false;
        ref readonly var e = ref nodes[node];
        for (var a = e.FirstAttr; a >= 0; a = nodes[a].Next)
        {
            ref readonly var attr = ref nodes[a];
            if (_names.Name(attr.Name).StartsWith("xmlns", StringComparison.Ordinal)) continue;
            if (!Text(nodes, attr.FirstChild, AttributeField(e.Name, attr.Name), false, false)) return false;
        }
        for (var c = e.FirstChild; c >= 0; c = nodes[c].Next)
            if (nodes[c].Kind == NodeKind.Element && !Leaf(nodes, c, depth + 1)) return false;
        return Text(nodes, e.FirstChild, _tree.FieldOf(e.Name), false, false);
    }

    /// <summary>
    /// The text of a content list under <paramref name="field"/>: nothing, constants flattened now, or one
    /// substitution slot. Text of several parts around a substitution does not compile.
    /// </summary>
    bool Text(Node[] nodes, int first, int field, bool fullPrecision, bool captureTime)
    {
        var items = 0;
        var slot = -1;
        for (var c = first; c >= 0; c = nodes[c].Next)
        {
            switch (nodes[c].Kind)
            {
                case NodeKind.Element or NodeKind.PI: continue;
                case NodeKind.TemplateInstance: return false;
                case NodeKind.Substitution: slot = c; break;
            }
            items++;
        }
        if (slot >= 0)
        {
            if (items > 1) return false;
            Emit(new Op { Kind = OpKind.Slot, Field = field, Slot = nodes[slot].Name, FullPrecision = fullPrecision, CaptureTime = captureTime });
            return true;
        }
        if (items == 0) return true;
        var scope = TemplateScope(nodes);
        if (captureTime && ContentWalker.TrySingleValue(_view, first, scope, out var type, out _, out var length)
            && type == BinXmlValueType.FileTime && length == 8) return false; // a constant record time: not worth a case
        _scratch.Clear();
        _tree.AddText(_scratch, field, first, scope, fullPrecision);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var start = _constants.Length;
            _constants.Append(_scratch.Value(i));
            Emit(new Op { Kind = OpKind.Constant, Field = field, Start = start, Length = _constants.Length - start });
        }
        return true;
    }

    static Scope TemplateScope(Node[] nodes) => new(nodes, 0, 0);

    int AttributeField(int element, int attribute) => _tree.AttributeField(_key, element, attribute);

    void Emit(in Op op)
    {
        if (_opCount == Ops.Length) Array.Resize(ref Ops, _opCount * 2);
        Ops[_opCount++] = op;
    }
}
