using System.Runtime.CompilerServices;
using Harrier.Evtx.BinXml;
using static Harrier.Evtx.Rendering.JsonTemplates;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// The fast JSON path: writes a record straight to UTF-8 from its template's compiled program
/// (<see cref="JsonTemplates"/>) and the substitution values, with no per-record map or tree. The
/// output is byte-identical to <see cref="JsonRenderer"/>: whenever a record leaves the shapes the
/// programs cover (a template that did not compile, a nested BinXml value that is not a single
/// template instance or whose keys repeat a sibling's, an attribute value that is BinXml, text where
/// elements are), the bytes written so far are dropped and the tree renderer renders the record.
/// </summary>
internal sealed class CompiledJsonRenderer
{
    readonly RecordView _view;
    readonly JsonValueWriter _values = new();
    readonly JsonTemplates _templates;
    readonly JsonRenderer _tree;

    public CompiledJsonRenderer(RecordView view)
    {
        _view = view;
        _templates = new JsonTemplates(view, _values);
        _tree = new JsonRenderer(view);
    }

    /// <summary>Records rendered by the compiled programs and by the tree renderer (for tests and benchmarks).</summary>
    public long CompiledRecords, TreeRecords;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Utf8Buffer output)
    {
        var mark = output.Length;
        bool done;
        try
        {
            done = TryRender(output);
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            done = false; // the tree renderer meets the same value and reports it its way
        }
        if (done)
        {
            CompiledRecords++;
            return;
        }
        output.Truncate(mark);
        TreeRecords++;
        _tree.Render(output);
    }

    /// <summary>The tree renderer alone (the reference the compiled path is tested against).</summary>
    public void RenderTree(Utf8Buffer output) => _tree.Render(output);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool TryRender(Utf8Buffer o)
    {
        var doc = _view.Doc;
        var root = doc.Root;
        if (root < 0) return false;
        ref readonly var n = ref doc.Nodes.Nodes[root];
        if (n.Kind != NodeKind.TemplateInstance || n.Next >= 0) return false;
        var p = Program(root);
        if (!p.Compiled) return false;
        o.Write((byte)'{');
        var first = true;
        if (!WriteMembers(o, p, n.Offset, n.Length, ref first, depth: 0)) return false;
        o.Write((byte)'}');
        return true;
    }

    /// <summary>The compiled program of a template instance (a node of the record arena); not compiled when empty.</summary>
    Program Program(int instance)
    {
        var root = _view.Doc.Nodes.Nodes[instance].Name;
        if (root < 0) return default;
        var p = _templates.Get(root);
        if (!p.Compiled || p.Count == 0) return default; // an empty template renders as null or {} by context
        return p;
    }

    /// <summary>Writes the top-level elements of a program as members of the open object.</summary>
    bool WriteMembers(Utf8Buffer o, Program p, int valueBase, int valueCount, ref bool first, int depth)
    {
        if (depth > Limits.MaxDepth) return false;
        for (var i = 0; i < p.Count; i++)
        {
            if (!first) o.Write((byte)',');
            first = false;
            if (!WriteElement(o, _templates.Children[p.First + i], valueBase, valueCount, depth)) return false;
        }
        return true;
    }

    SubstitutionValue Value(int slot, int valueBase, int valueCount) =>
        (uint)slot < (uint)valueCount ? _view.Doc.Values[valueBase + slot] : new SubstitutionValue { Nested = -1 };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool WriteElement(Utf8Buffer o, int index, int valueBase, int valueCount, int depth)
    {
        var e = _templates.Elements[index];
        if (e.Content == Content.UnnamedData) return WriteUnnamedData(o, e, valueBase, valueCount);
        var present = 0;
        for (var a = 0; a < e.AttrCount; a++)
        {
            var slot = _templates.Attributes[e.FirstAttr + a].Slot;
            if (slot < 0)
            {
                present++;
                continue;
            }
            var type = Value(slot, valueBase, valueCount).Type;
            if (type == BinXmlValueType.BinXml) return false;
            if (type != BinXmlValueType.Null) present++;
        }
        o.Write(_templates.Literals.Slice(e.KeyStart, e.KeyLength));
        var first = true;
        if (present > 0)
        {
            o.Write("{\"#attributes\":{"u8);
            for (var a = 0; a < e.AttrCount; a++)
            {
                var attr = _templates.Attributes[e.FirstAttr + a];
                if (attr.Slot >= 0)
                {
                    var v = Value(attr.Slot, valueBase, valueCount);
                    if (v.Type == BinXmlValueType.Null) continue;
                    if (!first) o.Write((byte)',');
                    o.Write(_templates.Literals.Slice(attr.KeyStart, attr.KeyLength));
                    _values.Write(o, v.Type, _view.Bytes(v.Offset, v.Length), attr.FullPrecision);
                }
                else
                {
                    if (!first) o.Write((byte)',');
                    o.Write(_templates.Literals.Slice(attr.KeyStart, attr.KeyLength));
                    o.Write(_templates.Literals.Slice(attr.ValueStart, attr.ValueLength));
                }
                first = false;
            }
            o.Write((byte)'}');
            first = false;
            switch (e.Content)
            {
                case Content.Literal:
                    o.Write(",\"#text\":"u8);
                    o.Write(_templates.Literals.Slice(e.A, e.B));
                    break;
                case Content.Slot:
                {
                    var v = Value(e.A, valueBase, valueCount);
                    if (v.Type == BinXmlValueType.BinXml)
                    {
                        if (!WriteNested(o, v, e, ref first, depth)) return false;
                    }
                    else
                    {
                        o.Write(",\"#text\":"u8);
                        _values.Write(o, v.Type, _view.Bytes(v.Offset, v.Length), false);
                    }
                    break;
                }
                case Content.Children:
                    if (!WriteChildren(o, e, valueBase, valueCount, ref first, depth)) return false;
                    break;
            }
            o.Write((byte)'}');
            return true;
        }
        switch (e.Content)
        {
            case Content.Empty:
                o.Write("null"u8);
                break;
            case Content.Literal:
                o.Write(_templates.Literals.Slice(e.A, e.B));
                break;
            case Content.Slot:
            {
                var v = Value(e.A, valueBase, valueCount);
                if (v.Type != BinXmlValueType.BinXml) _values.Write(o, v.Type, _view.Bytes(v.Offset, v.Length), false);
                else if (v.Nested < 0) o.Write("null"u8);
                else
                {
                    o.Write((byte)'{');
                    if (!WriteNested(o, v, e, ref first, depth)) return false;
                    o.Write((byte)'}');
                }
                break;
            }
            case Content.Children:
                o.Write((byte)'{');
                if (!WriteChildren(o, e, valueBase, valueCount, ref first, depth)) return false;
                o.Write((byte)'}');
                break;
        }
        return true;
    }

    /// <summary>The unnamed Data of an object: <c>"Data":{"#text":v}</c>, several values as an array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool WriteUnnamedData(Utf8Buffer o, in Element group, int valueBase, int valueCount)
    {
        var items = 0;
        var arrays = false;
        for (var i = 0; i < group.B; i++)
        {
            ref readonly var d = ref _templates.Elements[_templates.Children[group.A + i]];
            if (d.Content == Content.Empty) continue;
            if (d.Content == Content.Slot)
            {
                var type = Value(d.A, valueBase, valueCount).Type;
                if (type == BinXmlValueType.BinXml) return false;
                arrays |= (type & BinXmlValueType.ArrayBit) != 0;
            }
            items++;
        }
        // A lone array is the #text value; beside others evtx_dump splices it into the #text array: the tree renderer.
        if (arrays && items > 1) return false;
        if (items == 0) return false; // no key at all, and perhaps a null parent
        o.Write(_templates.Literals.Slice(group.KeyStart, group.KeyLength));
        o.Write(items == 1 ? "{\"#text\":"u8 : "{\"#text\":["u8);
        var first = true;
        for (var i = 0; i < group.B; i++)
        {
            var d = _templates.Elements[_templates.Children[group.A + i]];
            if (d.Content == Content.Empty) continue;
            if (!first) o.Write((byte)',');
            first = false;
            if (d.Content == Content.Literal) o.Write(_templates.Literals.Slice(d.A, d.B));
            else
            {
                var v = Value(d.A, valueBase, valueCount);
                _values.Write(o, v.Type, _view.Bytes(v.Offset, v.Length), false);
            }
        }
        o.Write(items == 1 ? "}"u8 : "]}"u8);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool WriteChildren(Utf8Buffer o, in Element e, int valueBase, int valueCount, ref bool first, int depth)
    {
        for (var c = 0; c < e.B; c++)
        {
            var entry = _templates.Children[e.A + c];
            if (entry < 0)
            {
                var v = Value(~entry, valueBase, valueCount);
                // Null or text among elements: evtx_dump adds a #text member; left to the tree renderer.
                if (v.Type != BinXmlValueType.BinXml) return false;
                if (!WriteNested(o, v, e, ref first, depth)) return false;
                continue;
            }
            if (!first) o.Write((byte)',');
            first = false;
            if (!WriteElement(o, entry, valueBase, valueCount, depth)) return false;
        }
        return true;
    }

    /// <summary>
    /// A nested BinXml value's members, written into the object of element <paramref name="parent"/>:
    /// a lone template instance, or plain elements (compiled for this record only), whose keys differ
    /// from the parent's own child elements.
    /// </summary>
    bool WriteNested(Utf8Buffer o, in SubstitutionValue v, in Element parent, ref bool first, int depth)
    {
        if (v.Nested < 0) return true;
        var n = _view.Doc.Nodes.Nodes[v.Nested];
        if (n.Kind == NodeKind.TemplateInstance)
        {
            if (n.Next >= 0) return false;
            var p = Program(v.Nested);
            return p.Compiled && KeysAreNew(p, parent) && WriteMembers(o, p, n.Offset, n.Length, ref first, depth + 1);
        }
        if (n.Kind != NodeKind.Element) return false;
        // Record-scope elements hold no substitutions or template instances, so rendering them
        // compiles nothing else and the scratch program can be dropped right after.
        var mark = _templates.Mark();
        try
        {
            var p = _templates.CompileFragment(_view.Doc.Nodes.Nodes, v.Nested);
            return p.Compiled && p.Count > 0 && KeysAreNew(p, parent) && WriteMembers(o, p, 0, 0, ref first, depth + 1);
        }
        finally
        {
            _templates.Release(mark);
        }
    }

    bool KeysAreNew(Program p, in Element parent)
    {
        if (parent.Content != Content.Children) return true;
        for (var i = 0; i < p.Count; i++)
        {
            var key = _templates.Key(_templates.Children[p.First + i]);
            for (var c = 0; c < parent.B; c++)
            {
                var sibling = _templates.Children[parent.A + c];
                if (sibling >= 0 && _templates.Key(sibling).SequenceEqual(key)) return false;
            }
        }
        return true;
    }
}
