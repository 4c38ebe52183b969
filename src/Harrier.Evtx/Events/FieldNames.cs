using System.Collections.Concurrent;

namespace Harrier.Evtx.Events;

/// <summary>
/// Process-wide interning of flattened field names ("EventID", "Provider_Name", "TargetUserName", …)
/// to small integer ids. Names compare ordinal, ignoring case, as Sigma backends do. Rules resolve
/// their field names to ids once at compile time; readers tag every value with an id.
/// </summary>
public static class FieldNames
{
    static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.OrdinalIgnoreCase);
    static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanIds =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    static readonly Lock Gate = new();
    static string[] _names = new string[256];
    static int _count;

    // Well-known System fields, interned first so their ids are stable constants.
    public static readonly int EventId = Intern("EventID");
    public static readonly int Channel = Intern("Channel");
    public static readonly int Computer = Intern("Computer");
    public static readonly int Provider = Intern("Provider_Name");
    public static readonly int Data = Intern("Data");

    /// <summary>Number of names interned so far (ids are 0..Count-1).</summary>
    public static int Count => Volatile.Read(ref _count);

    public static int Intern(string name) => Ids.TryGetValue(name, out var id) ? id : Add(name);

    public static int Intern(ReadOnlySpan<char> name) => SpanIds.TryGetValue(name, out var id) ? id : Add(name.ToString());

    public static bool TryGet(ReadOnlySpan<char> name, out int id) => SpanIds.TryGetValue(name, out id);

    public static string Name(int id) => Volatile.Read(ref _names)[id];

    static int Add(string name)
    {
        lock (Gate)
        {
            if (Ids.TryGetValue(name, out var existing)) return existing;
            var id = _count;
            if (id == _names.Length) Array.Resize(ref _names, id * 2);
            _names[id] = name;
            Volatile.Write(ref _count, id + 1);
            Ids[name] = id;
            return id;
        }
    }
}
