namespace Harrier.Evtx.Rendering;

/// <summary>
/// A small JSON document in pooled arrays, built by <see cref="JsonRenderer"/> in the order evtx_dump
/// builds its map (values replaced in place, repeated keys moved aside) and then written out.
/// Scalars are stored already encoded as JSON text. Reused record after record.
/// </summary>
internal sealed class JsonTree
{
    public enum Kind : byte { Null, Object, Array, Scalar }

    struct JNode
    {
        public Kind Kind;
        public int First, Last; // members (Object) or items (Array)
        public int Start, Length; // Scalar bytes in _scalars
    }

    struct Member
    {
        public int KeyStart, KeyLength; // in _keys (-1 for array items)
        public int Value;
        public int Next;
    }

    JNode[] _nodes = new JNode[256];
    int _nodeCount;
    Member[] _members = new Member[256];
    int _memberCount;
    readonly CharBuffer _keys = new();
    public readonly Utf8Buffer Scalars = new(1 << 14);

    public void Clear()
    {
        _nodeCount = 0;
        _memberCount = 0;
        _keys.Clear();
        Scalars.Clear();
    }

    public int NewNode(Kind kind)
    {
        if (_nodeCount == _nodes.Length) Array.Resize(ref _nodes, _nodeCount * 2);
        _nodes[_nodeCount] = new JNode { Kind = kind, First = -1, Last = -1 };
        return _nodeCount++;
    }

    public Kind KindOf(int node) => _nodes[node].Kind;

    public void MakeObject(int node) => _nodes[node] = new JNode { Kind = Kind.Object, First = -1, Last = -1 };

    /// <summary>Makes <paramref name="node"/> the scalar whose JSON text was written to <see cref="Scalars"/> from <paramref name="start"/>.</summary>
    public void SetScalar(int node, int start) =>
        _nodes[node] = new JNode { Kind = Kind.Scalar, First = -1, Last = -1, Start = start, Length = Scalars.Length - start };

    public void SetNull(int node) => _nodes[node] = new JNode { Kind = Kind.Null, First = -1, Last = -1 };

    /// <summary>Copies node <paramref name="from"/> over <paramref name="to"/>.</summary>
    public void CopyNode(int from, int to) => _nodes[to] = _nodes[from];

    /// <summary>Makes scalar <paramref name="node"/> the string of its text followed by <paramref name="other"/>'s (text in an element split over several tokens).</summary>
    public void Concatenate(int node, int other)
    {
        var a = Scalars.Written.Slice(_nodes[node].Start, _nodes[node].Length).ToArray();
        var b = Scalars.Written.Slice(_nodes[other].Start, _nodes[other].Length).ToArray();
        var start = Scalars.Length;
        Scalars.Write((byte)'"');
        Scalars.Write(Inner(a));
        Scalars.Write(Inner(b));
        Scalars.Write((byte)'"');
        SetScalar(node, start);

        static ReadOnlySpan<byte> Inner(byte[] json) => json.Length >= 2 && json[0] == '"' ? json.AsSpan(1, json.Length - 2) : json;
    }

    public int Find(int obj, ReadOnlySpan<char> key)
    {
        for (var m = _nodes[obj].First; m >= 0; m = _members[m].Next)
        {
            ref readonly var mm = ref _members[m];
            if (mm.KeyLength == key.Length && _keys.Span.Slice(mm.KeyStart, mm.KeyLength).SequenceEqual(key)) return mm.Value;
        }
        return -1;
    }

    /// <summary>Adds or replaces <paramref name="key"/>; returns the previous value node or −1.</summary>
    public int Set(int obj, ReadOnlySpan<char> key, int value)
    {
        for (var m = _nodes[obj].First; m >= 0; m = _members[m].Next)
        {
            ref var mm = ref _members[m];
            if (mm.KeyLength == key.Length && _keys.Span.Slice(mm.KeyStart, mm.KeyLength).SequenceEqual(key))
            {
                var old = mm.Value;
                mm.Value = value;
                return old;
            }
        }
        var start = _keys.Length;
        _keys.Append(key);
        Append(obj, start, key.Length, value);
        return -1;
    }

    public void AddItem(int array, int value) => Append(array, -1, 0, value);

    void Append(int parent, int keyStart, int keyLength, int value)
    {
        if (_memberCount == _members.Length) Array.Resize(ref _members, _memberCount * 2);
        var m = _memberCount++;
        _members[m] = new Member { KeyStart = keyStart, KeyLength = keyLength, Value = value, Next = -1 };
        ref var p = ref _nodes[parent];
        if (p.Last < 0) p.First = m;
        else _members[p.Last].Next = m;
        p.Last = m;
    }

    public void Write(int node, Utf8Buffer o)
    {
        ref readonly var n = ref _nodes[node];
        switch (n.Kind)
        {
            case Kind.Null:
                o.Write("null"u8);
                return;
            case Kind.Scalar:
                o.Write(Scalars.Written.Slice(n.Start, n.Length));
                return;
            case Kind.Array:
            {
                o.Write((byte)'[');
                for (var m = n.First; m >= 0; m = _members[m].Next)
                {
                    if (m != n.First) o.Write((byte)',');
                    Write(_members[m].Value, o);
                }
                o.Write((byte)']');
                return;
            }
            default:
            {
                o.Write((byte)'{');
                for (var m = n.First; m >= 0; m = _members[m].Next)
                {
                    if (m != n.First) o.Write((byte)',');
                    o.Write((byte)'"');
                    o.WriteJsonEscaped(_keys.Span.Slice(_members[m].KeyStart, _members[m].KeyLength));
                    o.Write("\":"u8);
                    Write(_members[m].Value, o);
                }
                o.Write((byte)'}');
                return;
            }
        }
    }
}
