namespace Harrier.Evtx.Events;

/// <summary>
/// One event flattened into Sigma-style fields: the shared record model between the readers
/// (EVTX, evtx_dump JSON) and everything above them (Sigma matching, hunting, investigation).
/// </summary>
/// <remarks>
/// Flattening rules (sigma-notes.md §2.4):
/// <list type="bullet">
/// <item>System: each child element by name (<c>EventID</c>, <c>Channel</c>, <c>Computer</c>, <c>Level</c>,
///   <c>Keywords</c>, <c>Task</c>, <c>Opcode</c>, <c>Version</c>, <c>EventRecordID</c>); an element's
///   attributes as <c>Element_Attribute</c> (<c>Provider_Name</c>, <c>Provider_Guid</c>,
///   <c>Execution_ProcessID</c>, <c>Security_UserID</c>, <c>TimeCreated_SystemTime</c>, <c>EventID_Qualifiers</c>).
///   <c>EventID</c> is the element text even when it carries Qualifiers.</item>
/// <item>EventData: <c>Data Name="X"</c> as field X with spaces removed from the name; unnamed
///   <c>Data</c> elements all as values of the one multi-valued field <c>Data</c>; other children by element name.</item>
/// <item>UserData: the children of its single child element, by name (nested deeper: leaf names).</item>
/// </list>
/// Values are the rendered text (as in evtx_dump JSON: hex stays <c>0x…</c>, numbers in decimal,
/// GUIDs upper case without braces). A field may occur more than once (multi-valued).
/// The instance is reused record after record by one reader: no per-record allocation.
/// </remarks>
public sealed class EventFields
{
    int[] _ids = new int[64];
    int[] _spellings = new int[64];
    int[] _starts = new int[64];
    int[] _lengths = new int[64];
    char[] _text = new char[4096];
    int _textLength;

    /// <summary>Number of (field, value) entries.</summary>
    public int Count { get; private set; }

    /// <summary>Event record id from the record header (or EventRecordID for JSON input).</summary>
    public ulong RecordId { get; set; }

    /// <summary>Record time as a FILETIME (100 ns ticks since 1601-01-01 UTC); 0 when unknown.</summary>
    public long TimeCreated { get; set; }

    /// <summary>EventID as a number (−1 when absent or not numeric).</summary>
    public int EventId { get; set; } = -1;

    /// <summary>True when the record was recovered by carving, not reached through the chunk's record list.</summary>
    public bool Carved { get; set; }

    public void Clear()
    {
        Count = 0;
        _textLength = 0;
        RecordId = 0;
        TimeCreated = 0;
        EventId = -1;
        Carved = false;
    }

    /// <summary>Adds a value of the field, named by the field's canonical spelling.</summary>
    public void Add(int fieldId, ReadOnlySpan<char> value) => Add(fieldId, FieldNames.CanonicalSpelling(fieldId), value);

    /// <summary>Adds a value named as the event spells the field (a <see cref="FieldNames.InternSpelling"/> id).</summary>
    public void AddSpelled(int spelling, ReadOnlySpan<char> value) => Add(FieldNames.FieldOf(spelling), spelling, value);

    void Add(int fieldId, int spelling, ReadOnlySpan<char> value)
    {
        var count = Count;
        var start = _textLength;
        var end = start + value.Length;
        if (count == _ids.Length || end > _text.Length) Grow(end);
        value.CopyTo(_text.AsSpan(start));
        _ids[count] = fieldId;
        _spellings[count] = spelling;
        _starts[count] = start;
        _lengths[count] = value.Length;
        _textLength = end;
        Count = count + 1;
    }

    /// <summary>Room for one more entry and <paramref name="textLength"/> characters of text (kept out of <see cref="Add(int, ReadOnlySpan{char})"/>, which runs per value).</summary>
    void Grow(int textLength)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _spellings, Count * 2);
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }
        if (textLength > _text.Length)
            Array.Resize(ref _text, Math.Max(_text.Length * 2, textLength));
    }

    public void Add(string name, ReadOnlySpan<char> value) => AddSpelled(FieldNames.InternSpelling(name), value);

    public int FieldId(int index) => _ids[index];

    /// <summary>The spelling id of entry <paramref name="index"/>'s name, as the event writes it.</summary>
    public int SpellingId(int index) => _spellings[index];

    /// <summary>Entry <paramref name="index"/>'s name as the event writes it.</summary>
    public string Name(int index) => FieldNames.Spelling(_spellings[index]);

    public ReadOnlySpan<char> Value(int index) => _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>First value of the field, if present.</summary>
    public bool TryGet(int fieldId, out ReadOnlySpan<char> value)
    {
        var i = _ids.AsSpan(0, Count).IndexOf(fieldId);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _text.AsSpan(_starts[i], _lengths[i]);
        return true;
    }

    public bool Has(int fieldId) => IndexOf(fieldId, 0) >= 0;

    /// <summary>Index of the next entry for <paramref name="fieldId"/> at or after <paramref name="from"/>, or −1.</summary>
    public int IndexOf(int fieldId, int from)
    {
        if ((uint)from >= (uint)Count) return -1;
        var i = _ids.AsSpan(from, Count - from).IndexOf(fieldId); // vectorized: rules look fields up by id all the time
        return i < 0 ? -1 : from + i;
    }

    /// <summary>First value as a string (allocates; for output and tests, not hot paths).</summary>
    public string? GetString(string name) =>
        FieldNames.TryGet(name, out var id) && TryGet(id, out var v) ? v.ToString() : null;

    /// <summary>A copy of this event that the reader will not overwrite (allocates).</summary>
    public EventFields Clone()
    {
        var c = new EventFields
        {
            _ids = _ids[..Math.Max(Count, 1)],
            _spellings = _spellings[..Math.Max(Count, 1)],
            _starts = _starts[..Math.Max(Count, 1)],
            _lengths = _lengths[..Math.Max(Count, 1)],
            _text = _text[..Math.Max(_textLength, 1)],
            _textLength = _textLength,
            Count = Count,
            RecordId = RecordId,
            TimeCreated = TimeCreated,
            EventId = EventId,
            Carved = Carved,
        };
        return c;
    }
}
