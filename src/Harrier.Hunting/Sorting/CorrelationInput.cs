namespace Harrier.Hunting.Sorting;

/// <summary>
/// What the correlation stage needs of one event that hit a rule referenced by a correlation: time, position,
/// the rules it hit, and only the fields correlations group or count by (plus computer/channel/provider).
/// </summary>
internal sealed record CorrelationInput(long Time, int FileIndex, ulong RecordId, int EventId, bool Carved, int[] Rules, (int FieldId, string Value)[] Fields);

/// <summary>Time, then file, then record id: the order events are fed to the correlation engine.</summary>
internal sealed class CorrelationInputOrder : IComparer<CorrelationInput>
{
    public static readonly CorrelationInputOrder Instance = new();

    public int Compare(CorrelationInput? x, CorrelationInput? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.Time.CompareTo(y.Time);
        if (c != 0) return c;
        c = x.FileIndex.CompareTo(y.FileIndex);
        if (c != 0) return c;
        return x.RecordId.CompareTo(y.RecordId);
    }
}

internal sealed class CorrelationInputCodec : IRecordCodec<CorrelationInput>
{
    public static readonly CorrelationInputCodec Instance = new();

    public void Write(BinaryWriter w, CorrelationInput c)
    {
        w.Write(c.Time);
        w.Write(c.FileIndex);
        w.Write(c.RecordId);
        w.Write(c.EventId);
        w.Write(c.Carved);
        w.Write(c.Rules.Length);
        foreach (var r in c.Rules) w.Write(r);
        w.Write(c.Fields.Length);
        foreach (var (id, v) in c.Fields)
        {
            w.Write(id);
            w.Write(v);
        }
    }

    public CorrelationInput Read(BinaryReader r)
    {
        var time = r.ReadInt64();
        var file = r.ReadInt32();
        var record = r.ReadUInt64();
        var eventId = r.ReadInt32();
        var carved = r.ReadBoolean();
        var rules = new int[r.ReadInt32()];
        for (var i = 0; i < rules.Length; i++) rules[i] = r.ReadInt32();
        var fields = new (int, string)[r.ReadInt32()];
        for (var i = 0; i < fields.Length; i++) fields[i] = (r.ReadInt32(), r.ReadString());
        return new CorrelationInput(time, file, record, eventId, carved, rules, fields);
    }

    public long EstimateSize(CorrelationInput c)
    {
        long n = 120 + 4L * c.Rules.Length;
        foreach (var (_, v) in c.Fields) n += 40 + 2L * v.Length;
        return n;
    }
}
