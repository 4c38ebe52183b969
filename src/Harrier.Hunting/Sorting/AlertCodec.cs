using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Sorting;

/// <summary>Spills single-event alerts; the rule is written as an index into the scan's rule table.</summary>
internal sealed class AlertCodec(IReadOnlyList<AlertRule> rules, IReadOnlyDictionary<AlertRule, int> index) : IRecordCodec<Alert>
{
    public void Write(BinaryWriter w, Alert a)
    {
        w.Write(a.TimeCreated);
        w.Write(a.Computer);
        w.Write(a.Channel);
        w.Write(a.Provider);
        w.Write(a.EventId);
        w.Write(a.RecordId);
        w.Write(a.File);
        w.Write(index[a.Rule]);
        w.Write((byte)a.Level);
        w.Write(a.Details);
        w.Write(a.Carved);
        w.Write(a.Fields.Count);
        foreach (var f in a.Fields)
        {
            w.Write(f.Name);
            w.Write(f.Value);
        }
    }

    public Alert Read(BinaryReader r)
    {
        var time = r.ReadInt64();
        var computer = r.ReadString();
        var channel = r.ReadString();
        var provider = r.ReadString();
        var eventId = r.ReadInt32();
        var recordId = r.ReadUInt64();
        var file = r.ReadString();
        var rule = rules[r.ReadInt32()];
        var level = (AlertLevel)r.ReadByte();
        var details = r.ReadString();
        var carved = r.ReadBoolean();
        var fields = new AlertField[r.ReadInt32()];
        for (var i = 0; i < fields.Length; i++) fields[i] = new AlertField(r.ReadString(), r.ReadString());
        return new Alert
        {
            TimeCreated = time,
            Computer = computer,
            Channel = channel,
            Provider = provider,
            EventId = eventId,
            RecordId = recordId,
            File = file,
            Rule = rule,
            Level = level,
            Details = details,
            Carved = carved,
            Fields = fields,
        };
    }

    public long EstimateSize(Alert a)
    {
        long n = 160 + 2L * (a.Details.Length + a.Computer.Length);
        foreach (var f in a.Fields) n += 56 + 2L * (f.Name.Length + f.Value.Length);
        return n;
    }
}
