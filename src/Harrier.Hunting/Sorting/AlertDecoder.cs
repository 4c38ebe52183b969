using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Sorting;

/// <summary>
/// Makes <see cref="Alert"/>s from records. Computer, channel and provider strings repeat across thousands of
/// alerts: they are pooled (a bounded pool, so odd input cannot grow it without limit).
/// </summary>
internal sealed class AlertDecoder(AlertStoreContext context, bool withDetails = true)
{
    readonly BoundedStringPool _pool = new();

    public Alert Decode(int ruleIndex, byte[] buffer, int offset, int length)
    {
        var record = buffer.AsSpan(offset, length);
        var h = new AlertRecord.Header(record);
        var fields = new AlertFieldList(buffer, offset + AlertRecord.HeaderBytes, h.FieldCount, offset + h.FieldCharsOffset, h.Ascii);
        var rule = context.Rules[ruleIndex];
        return new Alert
        {
            TimeCreated = h.Time,
            Computer = Pooled(fields, h.ComputerField),
            Channel = Pooled(fields, h.ChannelField),
            Provider = Pooled(fields, h.ProviderField),
            EventId = h.EventId,
            RecordId = h.RecordId,
            File = h.FileIndex < 0 ? "" : context.FileNames[h.FileIndex],
            Rule = rule,
            Level = rule.Level,
            Details = withDetails ? AlertRecord.Details(record).ToString() : "",
            Fields = fields,
            Carved = h.Carved,
            Correlation = h.HasCorrelation ? AlertRecord.ReadCorrelation(record[h.CorrelationOffset..]) : null,
        };
    }

    string Pooled(AlertFieldList fields, int index)
    {
        if (index < 0) return "";
        if (!fields.IsAscii) return _pool.Get(fields.Utf16Value(index));
        var ascii = fields.AsciiValue(index);
        if (ascii.Length > 256) return fields.Value(index);
        Span<char> chars = stackalloc char[ascii.Length];
        System.Text.Ascii.ToUtf16(ascii, chars, out _);
        return _pool.Get(chars);
    }
}
