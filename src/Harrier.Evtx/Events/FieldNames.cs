using System.Collections.Concurrent;

namespace Harrier.Evtx.Events;

/// <summary>
/// Process-wide interning of flattened field names ("EventID", "Provider_Name", "TargetUserName", …)
/// to small integer ids. Names compare ordinal, ignoring case, as Sigma backends do. Rules resolve
/// their field names to ids once at compile time; readers tag every value with an id.
/// New names are refused with <see cref="EvtxFormatException"/> when longer than
/// <see cref="Limits.MaxFieldNameLength"/> or once <see cref="Limits.MaxFieldNames"/> exist: the table lives as
/// long as the process, so damaged input must not be able to grow it without bound (a fuzzing finding).
/// </summary>
public static class FieldNames
{
    static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.OrdinalIgnoreCase);
    static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanIds =
        Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    static readonly Lock Gate = new();
    static string[] _names = new string[256];
    static int _count;

    /// <summary>How many names may be interned (<see cref="Limits.MaxFieldNames"/>; lowered only by tests).
    /// Declared before the well-known names below, whose initialisers read it.</summary>
    internal static int MaxNames { get; set; } = Limits.MaxFieldNames;

    /// <summary>How many spellings may be interned: a few per field name, a bound against crafted input as for names
    /// (lowered only by tests).</summary>
    internal static int MaxSpellings { get; set; } = 4 * Limits.MaxFieldNames;

    // Spellings: each exact (ordinal) spelling of a name met in events, so that outputs name a field as its event
    // does, whichever spelling was interned first (Sysmon's ProcessId, another provider's ProcessID). A spelling id
    // maps to its field id; every field's first name is its canonical spelling.
    static readonly ConcurrentDictionary<string, int> SpellingIds = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpellingSpanIds =
        SpellingIds.GetAlternateLookup<ReadOnlySpan<char>>();
    static string[] _spellings = new string[256];
    static int[] _spellingField = new int[256];
    static int[] _canonical = new int[256];
    static int _spellingCount;

    // Well-known System fields, interned first so their ids are stable constants.
    public static readonly int EventId = Intern("EventID");
    public static readonly int Channel = Intern("Channel");
    public static readonly int Computer = Intern("Computer");
    public static readonly int Provider = Intern("Provider_Name");
    public static readonly int Data = Intern("Data");

    /// <summary>The spelling id of <see cref="Data"/> as EVTX spells it (unnamed EventData values).</summary>
    public static readonly int DataSpelling = CanonicalSpelling(Data);

    /// <summary>Number of names interned so far (ids are 0..Count-1).</summary>
    public static int Count => Volatile.Read(ref _count);

    public static int Intern(string name) => Ids.TryGetValue(name, out var id) ? id : Add(name);

    public static int Intern(ReadOnlySpan<char> name) => FieldOf(InternSpelling(name));

    public static bool TryGet(ReadOnlySpan<char> name, out int id)
    {
        if (Exact.TryGet(name, out var spelling))
        {
            id = FieldOf(spelling);
            return true;
        }
        return SpanIds.TryGetValue(name, out id);
    }

    /// <summary>The canonical spelling of a field: the first one interned (for a rule's field, the rule's).</summary>
    public static string Name(int id) => Volatile.Read(ref _names)[id];

    /// <summary>
    /// The spelling id of <paramref name="name"/> exactly as written, interning the field (ignoring case) and the
    /// spelling as needed. Past <see cref="MaxSpellings"/> spellings a new one falls back to the field's canonical
    /// spelling (the field itself is still interned, or refused, as by <see cref="Intern(string)"/>).
    /// </summary>
    public static int InternSpelling(ReadOnlySpan<char> name)
    {
        if (Exact.TryGet(name, out var spelling)) return spelling;
        if (!SpellingSpanIds.TryGetValue(name, out spelling)) spelling = AddSpelling(name.ToString());
        Exact.Remember(name, spelling);
        return spelling;
    }

    /// <summary>The field id of a spelling.</summary>
    public static int FieldOf(int spelling) => Volatile.Read(ref _spellingField)[spelling];

    /// <summary>The name of a spelling, as events write it.</summary>
    public static string Spelling(int spelling) => Volatile.Read(ref _spellings)[spelling];

    /// <summary>The spelling id of a field's canonical name (<see cref="Name"/>).</summary>
    public static int CanonicalSpelling(int id) => Volatile.Read(ref _canonical)[id];

    static int AddSpelling(string name)
    {
        var field = Intern(name); // adds the field, and with it this spelling, when the name is new
        lock (Gate)
        {
            if (SpellingIds.TryGetValue(name, out var existing)) return existing;
            return _spellingCount < MaxSpellings ? AddSpellingLocked(name, field) : _canonical[field];
        }
    }

    static int AddSpellingLocked(string name, int field)
    {
        var spelling = _spellingCount;
        if (spelling == _spellings.Length)
        {
            Array.Resize(ref _spellings, spelling * 2);
            Array.Resize(ref _spellingField, spelling * 2);
        }
        _spellings[spelling] = name;
        _spellingField[spelling] = field;
        Volatile.Write(ref _spellingCount, spelling + 1);
        SpellingIds[name] = spelling;
        return spelling;
    }

    /// <summary>
    /// The readers look up every EventData name of every record; an ignore-case dictionary lookup (case-folding
    /// hash and compare) was a sixth of hunt's scan time. This table answers names spelled exactly as seen before
    /// with a plain hash and one ordinal compare, giving the spelling id. Lock-free for readers; bounded in size and
    /// probe length, so crafted names cannot make it slow or large (they fall back to the dictionaries).
    /// </summary>
    static class Exact
    {
        const int MaxEntries = 4096;
        const int MaxProbe = 8;
        static readonly uint Seed = (uint)Random.Shared.Next() | 1;
        static volatile Table _table = new(256);
        static int _count;

        sealed class Table(int size)
        {
            public readonly string?[] Keys = new string?[size];
            public readonly int[] Ids = new int[size];
            public readonly int Mask = size - 1;
        }

        static int Hash(ReadOnlySpan<char> name)
        {
            var h = 2166136261u ^ Seed;
            foreach (var c in name) h = (h ^ c) * 16777619u;
            return (int)(h ^ (h >> 15));
        }

        public static bool TryGet(ReadOnlySpan<char> name, out int id)
        {
            var t = _table;
            var slot = Hash(name) & t.Mask;
            for (var i = 0; i < MaxProbe; i++, slot = (slot + 1) & t.Mask)
            {
                var key = Volatile.Read(ref t.Keys[slot]);
                if (key is null) break;
                if (name.SequenceEqual(key))
                {
                    id = t.Ids[slot];
                    return true;
                }
            }
            id = -1;
            return false;
        }

        public static void Remember(ReadOnlySpan<char> name, int id)
        {
            lock (Gate)
            {
                if (_count >= MaxEntries || TryGet(name, out _)) return;
                var t = _table;
                if ((_count + 1) * 2 > t.Keys.Length)
                {
                    var bigger = new Table(t.Keys.Length * 2);
                    for (var i = 0; i < t.Keys.Length; i++)
                        if (t.Keys[i] is { } k) Put(bigger, k, t.Ids[i]);
                    t = bigger;
                }
                if (Put(t, name.ToString(), id)) _count++;
                _table = t;
            }
        }

        static bool Put(Table t, string name, int id)
        {
            var slot = Hash(name) & t.Mask;
            for (var i = 0; i < MaxProbe; i++, slot = (slot + 1) & t.Mask)
            {
                if (t.Keys[slot] is not null) continue;
                t.Ids[slot] = id;
                Volatile.Write(ref t.Keys[slot], name); // the id is visible before the key that leads to it
                return true;
            }
            return false; // probe too long: this name stays with the dictionary
        }
    }

    static int Add(string name)
    {
        if (name.Length > Limits.MaxFieldNameLength)
            throw new EvtxFormatException($"field name of {name.Length} characters is longer than the {Limits.MaxFieldNameLength} allowed");
        lock (Gate)
        {
            if (Ids.TryGetValue(name, out var existing)) return existing;
            var id = _count;
            if (id >= MaxNames)
                throw new EvtxFormatException($"more than {MaxNames} distinct field names in this run; '{name}' not added");
            if (id == _names.Length)
            {
                Array.Resize(ref _names, id * 2);
                Array.Resize(ref _canonical, id * 2);
            }
            _names[id] = name;
            _canonical[id] = AddSpellingLocked(name, id); // its first spelling (always: fields are bounded themselves)
            Volatile.Write(ref _count, id + 1);
            Ids[name] = id;
            return id;
        }
    }
}
