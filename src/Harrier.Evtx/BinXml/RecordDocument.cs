namespace Harrier.Evtx.BinXml;

/// <summary>
/// One record's parsed BinXml: its nodes (template bodies live in the chunk's template cache) and
/// the substitution values of every template instance in it. Reused record after record.
/// </summary>
internal sealed class RecordDocument
{
    public readonly NodeArena Nodes = new();
    public SubstitutionValue[] Values = new SubstitutionValue[256];
    public int ValueCount;
    /// <summary>First top-level node of the record's fragment, −1 when empty.</summary>
    public int Root = -1;

    public void Clear()
    {
        Nodes.Clear();
        ValueCount = 0;
        Root = -1;
    }

    public int ReserveValues(int count)
    {
        var start = ValueCount;
        if (start + count > Values.Length) Array.Resize(ref Values, Math.Max(Values.Length * 2, start + count));
        ValueCount += count;
        return start;
    }
}
