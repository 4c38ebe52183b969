namespace Harrier.Evtx.BinXml;

internal enum NodeKind : byte
{
    Element,
    Attribute,
    /// <summary>A literal value token (always a UTF-16 string in practice).</summary>
    Value,
    Substitution,
    CharRef,
    EntityRef,
    CData,
    PI,
    TemplateInstance,
}

/// <summary>
/// One parsed BinXml node in a flat arena (children and siblings are indexes, −1 for none).
/// Compiled templates and record documents are both made of these.
/// </summary>
internal struct Node
{
    public NodeKind Kind;
    /// <summary>Value type (Value, Substitution).</summary>
    public byte Type;
    /// <summary>Optional substitution (token 0x0E).</summary>
    public bool Optional;
    /// <summary>Element/Attribute/EntityRef/PI: name id. Substitution: value index. CharRef: code point. TemplateInstance: template root in the chunk arena.</summary>
    public int Name;
    /// <summary>Value/CData/PI data: chunk offset of the bytes. TemplateInstance: first value index in the record's value list.</summary>
    public int Offset;
    /// <summary>Value/CData/PI data: byte length. TemplateInstance: number of values.</summary>
    public int Length;
    /// <summary>Element: first attribute.</summary>
    public int FirstAttr;
    /// <summary>Element: first content node. Attribute: first value node.</summary>
    public int FirstChild;
    public int Next;
}

/// <summary>A substitution value of a template instance: its type and bytes in the chunk.</summary>
internal struct SubstitutionValue
{
    public byte Type;
    public int Offset;
    public int Length;
    /// <summary>For BinXml values: the first node of the parsed nested fragment in the record arena; −1 otherwise.</summary>
    public int Nested;
}

/// <summary>A growable node store, reused across records or chunks (no steady-state allocation).</summary>
internal sealed class NodeArena
{
    public Node[] Nodes = new Node[1024];
    public int Count;

    public void Clear() => Count = 0;

    public int Add(NodeKind kind)
    {
        if (Count == Nodes.Length)
        {
            if (Count >= Limits.MaxNodesPerRecord) Format.Throw.Format(0, $"more than {Limits.MaxNodesPerRecord} BinXml nodes");
            Array.Resize(ref Nodes, Count * 2);
        }
        ref var n = ref Nodes[Count];
        n = default;
        n.Kind = kind;
        n.FirstAttr = -1;
        n.FirstChild = -1;
        n.Next = -1;
        return Count++;
    }
}
