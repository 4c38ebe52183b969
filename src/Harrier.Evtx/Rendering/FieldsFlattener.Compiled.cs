using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Harrier.Evtx.BinXml;
using Harrier.Evtx.Events;
using static Harrier.Evtx.Rendering.FieldsTemplates;

namespace Harrier.Evtx.Rendering;

/// <summary>
/// The fast path: flattens a record by running its template's compiled program
/// (<see cref="FieldsTemplates"/>) over the substitution values, with field ids resolved at compile
/// time and no walk of the tree. The result is identical to <see cref="FillTree"/>: nested BinXml among
/// elements that is not a compiled template instance is flattened in place by the tree walker (the
/// entries are a flat sequence, so the two mix freely); whenever a record leaves the shapes the programs
/// cover otherwise (a template that did not compile, a record that is not one template instance, nested
/// BinXml where text is expected, a malformed value), the entries added so far are dropped and the
/// tree flattener fills the record.
/// </summary>
internal sealed partial class FieldsFlattener
{
    readonly FieldsTemplates _templates;

    /// <summary>Records flattened by the compiled programs and by the tree flattener (for tests and benchmarks).</summary>
    public long CompiledRecords, TreeRecords;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(EventFields into, ulong recordId, long writtenTime, bool carved)
    {
        Start(into, recordId, writtenTime, carved);
        bool done;
        try
        {
            done = TryRun(into);
        }
        catch (Exception e) when (e is EvtxFormatException or EvtxNotSupportedException)
        {
            done = false; // the tree flattener meets the same value and reports it its way
        }
        if (done)
        {
            SetEventId(into);
            CompiledRecords++;
            return;
        }
        TreeRecords++;
        FillTree(into, recordId, writtenTime, carved);
    }

    bool TryRun(EventFields into)
    {
        var doc = _view.Doc;
        if (doc.Root < 0) return false;
        ref readonly var n = ref doc.Nodes.Nodes[doc.Root];
        if (n.Kind != NodeKind.TemplateInstance || n.Next >= 0 || n.Name < 0) return false;
        var p = _templates.Get(n.Name, Context.Top);
        return p.Compiled && Run(into, p, n.Offset, n.Length, 1);
    }

    /// <param name="depth">The tree walker's depth for the template body's own node list (it counts nested fragments and template instances, and restarts inside each element).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Run(EventFields into, Program p, int valueBase, int valueCount, int depth)
    {
        var end = p.First + p.Count;
        for (var i = p.First; i < end; i++)
        {
            // Through the field each time: a nested template compiled below may grow (replace) the array;
            // the reference stays valid, as the old array keeps its content.
            ref readonly var op = ref _templates.Ops[i];
            switch (op.Kind)
            {
                case OpKind.Constant:
                    into.AddSpelled(op.Field, _templates.Constant(op));
                    break;
                case OpKind.Slot:
                    if (!Slot(into, op, Value(op.Slot, valueBase, valueCount))) return false;
                    break;
                default:
                    if (!Nested(into, op.In, Value(op.Slot, valueBase, valueCount), op.AtTop ? depth : 0)) return false;
                    break;
            }
        }
        return true;
    }

    SubstitutionValue Value(int slot, int valueBase, int valueCount) =>
        (uint)slot < (uint)valueCount ? _view.Doc.Values[valueBase + slot] : new SubstitutionValue { Nested = -1 };

    /// <summary>A substitution as the text of a field: what the tree's AddText makes of a content list holding only it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Slot(EventFields into, in Op op, in SubstitutionValue v)
    {
        var type = v.Type;
        if (type == BinXmlValueType.BinXml) return v.Nested < 0; // nested content as text: the tree flattener
        if (type == BinXmlValueType.Null) return true;
        var bytes = _view.Bytes(v.Offset, v.Length);
        if (op.CaptureTime && type == BinXmlValueType.FileTime && v.Length == 8)
            into.TimeCreated = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if ((type & BinXmlValueType.ArrayBit) != 0)
        {
            var itemType = (byte)(type & ~BinXmlValueType.ArrayBit);
            foreach (var item in ValueFormatter.Items(itemType, bytes))
                into.AddSpelled(op.Field, _fmt.Format(itemType, item));
            return true;
        }
        into.AddSpelled(op.Field, _fmt.Format(type, bytes, op.FullPrecision));
        return true;
    }

    /// <summary>
    /// A substitution among elements: nothing for a plain value; a nested template instance runs its
    /// program; other nested content (elements of the record, several nodes, a template that did not
    /// compile) is walked by the tree flattener right here, at the depth the tree walk would have.
    /// </summary>
    /// <param name="listDepth">The tree walker's depth for the node list holding the substitution.</param>
    bool Nested(EventFields into, Context context, in SubstitutionValue v, int listDepth)
    {
        if (v.Type != BinXmlValueType.BinXml || v.Nested < 0) return true;
        ref readonly var n = ref _view.Doc.Nodes.Nodes[v.Nested];
        if (n.Kind == NodeKind.TemplateInstance && n.Next < 0 && n.Name >= 0 && listDepth + 2 <= Limits.MaxDepth)
        {
            var p = _templates.Get(n.Name, context);
            if (p.Compiled) return Run(into, p, n.Offset, n.Length, listDepth + 2);
        }
        _into = into;
        var scope = _view.RecordScope;
        switch (context)
        {
            case Context.Top:
            case Context.Sections:
            {
                var w = new TopLevel(this, context == Context.Top ? 0 : 1);
                ContentWalker.Walk(_view, v.Nested, scope, ref w, listDepth + 1);
                break;
            }
            default:
            {
                var w = new Children(this, context switch
                {
                    Context.System => Mode.System,
                    Context.EventData => Mode.EventData,
                    Context.UserData => Mode.UserData,
                    _ => Mode.Leaves,
                });
                ContentWalker.Walk(_view, v.Nested, scope, ref w, listDepth + 1);
                break;
            }
        }
        return true;
    }
}
