using System.Globalization;
using System.Text;
using System.Text.Json;
using Harrier.Evtx.Events;

namespace Harrier.Evtx.Json;

/// <summary>
/// Flattens one evtx_dump-layout event (<c>{"Event": {"System": …, "EventData" | "UserData": …}}</c>)
/// into <see cref="EventFields"/> by the rules in that type's documentation. evtx_dump writes an
/// element's attributes under <c>#attributes</c> and its text under <c>#text</c>; named
/// <c>Data</c> elements become plain keys; unnamed ones become <c>"Data": {"#text": [...]}</c>.
/// Null values are left out (as the EVTX reader does): <c>X: null</c> in a rule then holds.
/// </summary>
internal sealed class EvtxJsonFlattener
{
    const int MaxDepth = 64;
    char[] _value = new char[1024];
    char[] _name = new char[256];

    public bool TryFlatten(ReadOnlySpan<byte> json, EventFields fields, out string reason, out long lineInEvent)
    {
        var r = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) return Fail("expected a JSON object", out reason, out lineInEvent);
            var sawEvent = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var isEvent = r.ValueTextEquals("Event"u8);
                r.Read();
                if (isEvent && r.TokenType == JsonTokenType.StartObject)
                {
                    ReadEvent(ref r, fields);
                    sawEvent = true;
                }
                else r.Skip();
            }
            if (!sawEvent) return Fail("no \"Event\" object", out reason, out lineInEvent);
        }
        catch (JsonException e)
        {
            reason = "invalid JSON: " + e.Message;
            lineInEvent = e.LineNumber ?? 0;
            return false;
        }
        catch (EvtxFormatException e)
        {
            reason = e.Message; // a field name refused by FieldNames (too long, or the table is full)
            lineInEvent = 0;
            return false;
        }
        reason = "";
        lineInEvent = 0;
        return true;
    }

    static bool Fail(string why, out string reason, out long line)
    {
        reason = why;
        line = 0;
        return false;
    }

    void ReadEvent(ref Utf8JsonReader r, EventFields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var section = r.ValueTextEquals("System"u8) ? 1 : r.ValueTextEquals("EventData"u8) ? 2 : r.ValueTextEquals("UserData"u8) ? 3 : 0;
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject)
            {
                r.Skip();
                continue;
            }
            switch (section)
            {
                case 1: ReadSystem(ref r, f); break;
                case 2: ReadEventData(ref r, f); break;
                case 3: ReadUserData(ref r, f); break;
                default: r.Skip(); break;
            }
        }
    }

    // System: child by name; attributes as Element_Attribute; #text as the element's value.
    void ReadSystem(ref Utf8JsonReader r, EventFields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var end = CopyName(ref r, 0);
            r.Read();
            if (r.TokenType == JsonTokenType.StartObject) ReadElement(ref r, f, 0, end, system: true, 0);
            else if (r.TokenType == JsonTokenType.StartArray) r.Skip();
            else if (r.TokenType != JsonTokenType.Null) AddScalar(ref r, f, 0, end, system: true);
        }
    }

    // EventData: named Data are plain keys (spaces stripped); unnamed Data → multi-valued "Data".
    void ReadEventData(ref Utf8JsonReader r, EventFields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("#attributes"u8))
            {
                r.Read();
                r.Skip();
                continue;
            }
            var isText = r.ValueTextEquals("#text"u8);
            var end = isText ? SetName("Data") : CopyName(ref r, 0);
            r.Read();
            AddValue(ref r, f, 0, end, 0);
        }
    }

    // UserData: the children of its child element(s), by leaf name.
    void ReadUserData(ref Utf8JsonReader r, EventFields f)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var skip = r.ValueTextEquals("#attributes"u8);
            r.Read();
            if (skip || r.TokenType != JsonTokenType.StartObject) r.Skip();
            else ReadChildren(ref r, f, 0, 0);
        }
    }

    /// <summary>A value of field _name[start..end]: scalar, null (empty), array (multi-valued) or element.</summary>
    void AddValue(ref Utf8JsonReader r, EventFields f, int start, int end, int depth)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
                if (depth >= MaxDepth) r.Skip();
                else ReadElement(ref r, f, start, end, system: false, depth);
                break;
            case JsonTokenType.StartArray:
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) AddValue(ref r, f, start, end, depth + 1);
                break;
            case JsonTokenType.Null:
                break; // null values are left out, as the EVTX reader does
            default:
                AddScalar(ref r, f, start, end, system: false);
                break;
        }
    }

    /// <summary>An element object: #text is its value, #attributes become Name_Attribute, other keys children.</summary>
    /// <remarks>Names live in one buffer: a child's (leaf) name is written after its parent's, so the
    /// parent's name stays intact for a #text that follows the children.</remarks>
    void ReadElement(ref Utf8JsonReader r, EventFields f, int start, int end, bool system, int depth)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("#text"u8))
            {
                r.Read();
                if (system && r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.Null))
                    AddScalar(ref r, f, start, end, system: true);
                else AddValue(ref r, f, start, end, depth + 1);
            }
            else if (r.ValueTextEquals("#attributes"u8))
            {
                r.Read();
                ReadAttributes(ref r, f, start, end, system);
            }
            else
            {
                if (system)
                {
                    r.Read();
                    r.Skip();
                    continue;
                }
                var childEnd = CopyName(ref r, end);
                r.Read();
                AddValue(ref r, f, end, childEnd, depth + 1);
            }
        }
    }

    void ReadChildren(ref Utf8JsonReader r, EventFields f, int at, int depth)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("#attributes"u8))
            {
                r.Read();
                r.Skip();
                continue;
            }
            var end = CopyName(ref r, at);
            r.Read();
            AddValue(ref r, f, at, end, depth + 1);
        }
    }

    void ReadAttributes(ref Utf8JsonReader r, EventFields f, int start, int elementEnd, bool system)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return;
        }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var xmlns = r.ValueSpan.StartsWith("xmlns"u8);
            EnsureName(elementEnd + 1 + r.ValueSpan.Length);
            _name[elementEnd] = '_';
            var end = CopyName(ref r, elementEnd + 1);
            r.Read();
            if (xmlns || r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
            else if (r.TokenType != JsonTokenType.Null) AddScalar(ref r, f, start, end, system);
        }
    }

    void AddScalar(ref Utf8JsonReader r, EventFields f, int start, int end, bool system)
    {
        var value = ScalarText(ref r);
        var name = _name.AsSpan(start, end - start);
        f.AddSpelled(FieldNames.InternSpelling(name), value);
        if (!system) return;
        if (name.Equals("EventID", StringComparison.OrdinalIgnoreCase))
            f.EventId = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        else if (name.Equals("EventRecordID", StringComparison.OrdinalIgnoreCase))
            f.RecordId = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rid) ? rid : 0;
        else if (name.Equals("TimeCreated_SystemTime", StringComparison.OrdinalIgnoreCase))
            f.TimeCreated = ParseFileTime(value);
    }

    /// <summary>Rendered text of a scalar token: strings unescaped, numbers as written, true/false.</summary>
    ReadOnlySpan<char> ScalarText(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.Null: return [];
        }
        var raw = r.ValueSpan; // the reader runs over one contiguous span, never a sequence
        if (_value.Length < raw.Length) _value = new char[Math.Max(raw.Length, _value.Length * 2)];
        if (r.TokenType == JsonTokenType.String && r.ValueIsEscaped)
            return _value.AsSpan(0, r.CopyString(_value));
        return _value.AsSpan(0, Encoding.UTF8.GetChars(raw, _value));
    }

    /// <summary>Copies the current property name (spaces removed) to _name[at..]; returns the end index.</summary>
    int CopyName(ref Utf8JsonReader r, int at)
    {
        EnsureName(at + r.ValueSpan.Length);
        var n = r.ValueIsEscaped ? r.CopyString(_name.AsSpan(at)) : Encoding.UTF8.GetChars(r.ValueSpan, _name.AsSpan(at));
        var span = _name.AsSpan(at, n);
        if (span.Contains(' '))
        {
            var w = 0;
            foreach (var c in span)
                if (c != ' ') span[w++] = c;
            n = w;
        }
        return at + n;
    }

    int SetName(string name)
    {
        EnsureName(name.Length);
        name.CopyTo(_name);
        return name.Length;
    }

    void EnsureName(int length)
    {
        if (_name.Length < length) Array.Resize(ref _name, Math.Max(length, _name.Length * 2));
    }

    /// <summary>ISO-8601 UTC ("2025-11-27T07:40:10.165324Z") to FILETIME ticks; 0 when unparsable.</summary>
    internal static long ParseFileTime(ReadOnlySpan<char> text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
        && t >= DateTime.FromFileTimeUtc(0)
            ? t.ToFileTimeUtc()
            : 0;
}
