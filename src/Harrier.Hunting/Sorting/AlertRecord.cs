using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Sorting;

/// <summary>
/// The binary layout of one stored alert (little-endian; the per-rule part — rule index — lives in the entry):
/// a <see cref="HeaderBytes"/>-byte header (time, record id, file index, event id, indexes of the computer,
/// channel and provider fields or −1, details length, field count, carved, correlation and ASCII flags), the
/// field table of <see cref="AlertFieldList"/>, the details characters (UTF-16), the field characters (one byte
/// each when all are ASCII, else UTF-16), and for correlation alerts the <see cref="AlertCorrelation"/>.
/// </summary>
internal static class AlertRecord
{
    public const int HeaderBytes = 48;

    public static int Size(int fields, int detailsChars, int fieldChars, bool ascii, int correlationBytes) =>
        checked(HeaderBytes + 8 * fields + 4 + 2 * detailsChars + (ascii ? 1 : 2) * fieldChars + correlationBytes);

    public readonly ref struct Header
    {
        public readonly long Time;
        public readonly ulong RecordId;
        public readonly int FileIndex, EventId, ComputerField, ChannelField, ProviderField, DetailsLength, FieldCount;
        public readonly bool Carved, HasCorrelation, Ascii;

        public Header(ReadOnlySpan<byte> r)
        {
            Time = BinaryPrimitives.ReadInt64LittleEndian(r);
            RecordId = BinaryPrimitives.ReadUInt64LittleEndian(r[8..]);
            FileIndex = BinaryPrimitives.ReadInt32LittleEndian(r[16..]);
            EventId = BinaryPrimitives.ReadInt32LittleEndian(r[20..]);
            ComputerField = BinaryPrimitives.ReadInt32LittleEndian(r[24..]);
            ChannelField = BinaryPrimitives.ReadInt32LittleEndian(r[28..]);
            ProviderField = BinaryPrimitives.ReadInt32LittleEndian(r[32..]);
            DetailsLength = BinaryPrimitives.ReadInt32LittleEndian(r[36..]);
            FieldCount = BinaryPrimitives.ReadInt32LittleEndian(r[40..]);
            Carved = r[44] != 0;
            HasCorrelation = r[45] != 0;
            Ascii = r[46] != 0;
            var starts = HeaderBytes;
            FieldCharsOffset = starts + 8 * FieldCount + 4 + 2 * DetailsLength;
            CorrelationOffset = FieldCharsOffset + (Ascii ? 1 : 2) * BinaryPrimitives.ReadInt32LittleEndian(r[(starts + 4 * FieldCount)..]);
        }

        /// <summary>Byte offset of the field characters in the record.</summary>
        public int FieldCharsOffset { get; }

        public int CorrelationOffset { get; }
    }

    public static void Key(ReadOnlySpan<byte> r, out long time, out ulong recordId, out int fileIndex)
    {
        time = BinaryPrimitives.ReadInt64LittleEndian(r);
        recordId = BinaryPrimitives.ReadUInt64LittleEndian(r[8..]);
        fileIndex = BinaryPrimitives.ReadInt32LittleEndian(r[16..]);
    }

    public static ReadOnlySpan<char> Details(ReadOnlySpan<byte> r)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(r[36..]);
        var fields = BinaryPrimitives.ReadInt32LittleEndian(r[40..]);
        return MemoryMarshal.Cast<byte, char>(r.Slice(HeaderBytes + 8 * fields + 4, 2 * length));
    }

    public ref struct Writer
    {
        readonly Span<byte> _record;
        readonly int _fields;
        readonly int _chars;
        readonly bool _ascii;
        int _field;
        int _charCount;
        int _end;

        public Writer(Span<byte> record, long time, ulong recordId, int fileIndex, int eventId, bool carved, int fields, int detailsLength,
            bool ascii, int computerField, int channelField, int providerField)
        {
            _record = record;
            _fields = fields;
            _ascii = ascii;
            BinaryPrimitives.WriteInt64LittleEndian(record, time);
            BinaryPrimitives.WriteUInt64LittleEndian(record[8..], recordId);
            BinaryPrimitives.WriteInt32LittleEndian(record[16..], fileIndex);
            BinaryPrimitives.WriteInt32LittleEndian(record[20..], eventId);
            BinaryPrimitives.WriteInt32LittleEndian(record[24..], computerField);
            BinaryPrimitives.WriteInt32LittleEndian(record[28..], channelField);
            BinaryPrimitives.WriteInt32LittleEndian(record[32..], providerField);
            BinaryPrimitives.WriteInt32LittleEndian(record[36..], detailsLength);
            BinaryPrimitives.WriteInt32LittleEndian(record[40..], fields);
            record[44] = carved ? (byte)1 : (byte)0;
            record[45] = 0;
            record[46] = ascii ? (byte)1 : (byte)0;
            record[47] = 0;
            BinaryPrimitives.WriteInt32LittleEndian(record[HeaderBytes..], 0);
            _chars = HeaderBytes + 8 * fields + 4 + 2 * detailsLength;
            Details = MemoryMarshal.Cast<byte, char>(record.Slice(HeaderBytes + 8 * fields + 4, 2 * detailsLength));
            _end = _chars;
        }

        public Span<char> Details { get; }

        public void AddField(int spelling, ReadOnlySpan<char> value)
        {
            if (_ascii) System.Text.Ascii.FromUtf16(value, _record.Slice(_chars + _charCount, value.Length), out _);
            else value.CopyTo(MemoryMarshal.Cast<byte, char>(_record.Slice(_chars + 2 * _charCount, 2 * value.Length)));
            BinaryPrimitives.WriteInt32LittleEndian(_record[(HeaderBytes + 4 * (_fields + 1) + 4 * _field)..], spelling);
            _field++;
            _charCount += value.Length;
            BinaryPrimitives.WriteInt32LittleEndian(_record[(HeaderBytes + 4 * _field)..], _charCount);
            _end = _chars + (_ascii ? 1 : 2) * _charCount;
        }

        public void AddCorrelation(AlertCorrelation c)
        {
            _record[45] = 1;
            var w = new SpanWriter(_record[_end..]);
            w.String(c.Type);
            w.Int(c.GroupBy.Count);
            foreach (var g in c.GroupBy)
            {
                w.String(g.Name);
                w.String(g.Value);
            }
            w.Long(BitConverter.DoubleToInt64Bits(c.Value));
            w.Int(c.EventCount);
            w.Long(c.FirstTime);
            w.Long(c.LastTime);
            w.Int(c.RuleIds.Count);
            foreach (var id in c.RuleIds) w.String(id);
        }
    }

    public static int CorrelationSize(AlertCorrelation c)
    {
        var n = 4 + 2 * c.Type.Length + 4 + 8 + 4 + 8 + 8 + 4;
        foreach (var g in c.GroupBy) n += 8 + 2 * (g.Name.Length + g.Value.Length);
        foreach (var id in c.RuleIds) n += 4 + 2 * id.Length;
        return n;
    }

    public static AlertCorrelation ReadCorrelation(ReadOnlySpan<byte> blob)
    {
        var r = new SpanReader(blob);
        var type = r.String();
        var group = new AlertField[r.Int()];
        for (var i = 0; i < group.Length; i++) group[i] = new AlertField(r.String(), r.String());
        var value = BitConverter.Int64BitsToDouble(r.Long());
        var events = r.Int();
        var first = r.Long();
        var last = r.Long();
        var rules = new string[r.Int()];
        for (var i = 0; i < rules.Length; i++) rules[i] = r.String();
        return new AlertCorrelation(type, group, value, events, first, last, rules);
    }

    ref struct SpanWriter(Span<byte> span)
    {
        readonly Span<byte> _span = span;
        int _at;

        public void Int(int v)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_span[_at..], v);
            _at += 4;
        }

        public void Long(long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_span[_at..], v);
            _at += 8;
        }

        public void String(string s)
        {
            Int(s.Length);
            s.AsSpan().CopyTo(MemoryMarshal.Cast<byte, char>(_span.Slice(_at, 2 * s.Length)));
            _at += 2 * s.Length;
        }
    }

    ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        readonly ReadOnlySpan<byte> _span = span;
        int _at;

        public int Int()
        {
            var v = BinaryPrimitives.ReadInt32LittleEndian(_span[_at..]);
            _at += 4;
            return v;
        }

        public long Long()
        {
            var v = BinaryPrimitives.ReadInt64LittleEndian(_span[_at..]);
            _at += 8;
            return v;
        }

        public string String()
        {
            var n = Int();
            var s = MemoryMarshal.Cast<byte, char>(_span.Slice(_at, 2 * n)).ToString();
            _at += 2 * n;
            return s;
        }
    }
}
