using System.Buffers;
using System.Text;
using System.Text.Json;
using Harrier.Evtx.Events;

namespace Harrier.Output.CaseDb;

/// <summary>An event's fields as one JSON object (a repeated field becomes an array), reusing its buffers.</summary>
sealed class FieldsJson
{
    static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    readonly ArrayBufferWriter<byte> _buffer = new(4096);
    readonly Utf8JsonWriter _json;
    readonly HashSet<int> _done = [];

    public FieldsJson() => _json = new Utf8JsonWriter(_buffer, Options);

    public string Write(EventFields e)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _done.Clear();
        _json.WriteStartObject();
        for (var i = 0; i < e.Count; i++)
        {
            var id = e.FieldId(i);
            if (!_done.Add(id)) continue;
            var next = e.IndexOf(id, i + 1);
            _json.WritePropertyName(e.Name(i)); // as the event spells it
            if (next < 0)
            {
                _json.WriteStringValue(e.Value(i));
                continue;
            }
            _json.WriteStartArray();
            for (var j = i; j >= 0; j = e.IndexOf(id, j + 1)) _json.WriteStringValue(e.Value(j));
            _json.WriteEndArray();
        }
        _json.WriteEndObject();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
