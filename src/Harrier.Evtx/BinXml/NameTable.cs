using System.Text;

namespace Harrier.Evtx.BinXml;

/// <summary>
/// Element and attribute names interned by content for the life of one reader, so a name met again
/// in a later chunk costs a lookup, not a string. Each name keeps its UTF-8 bytes for output.
/// </summary>
internal sealed class NameTable
{
    readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    string[] _names = new string[256];
    byte[][] _utf8 = new byte[256][];
    int _count;

    public NameTable()
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Data = Intern("Data");
        NameAttr = Intern("Name");
        EventData = Intern("EventData");
        UserData = Intern("UserData");
        System = Intern("System");
        TimeCreated = Intern("TimeCreated");
        SystemTime = Intern("SystemTime");
        EventId = Intern("EventID");
        EventRecordId = Intern("EventRecordID");
    }

    public readonly int Data, NameAttr, EventData, UserData, System, TimeCreated, SystemTime, EventId, EventRecordId;

    public int Intern(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var id)) return id;
        var s = name.ToString();
        id = _count++;
        if (id == _names.Length)
        {
            Array.Resize(ref _names, id * 2);
            Array.Resize(ref _utf8, id * 2);
        }
        _names[id] = s;
        _utf8[id] = Encoding.UTF8.GetBytes(s);
        _ids[s] = id;
        return id;
    }

    public string Name(int id) => _names[id];

    public ReadOnlySpan<byte> Utf8(int id) => _utf8[id];
}
