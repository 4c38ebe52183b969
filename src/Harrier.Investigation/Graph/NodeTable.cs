namespace Harrier.Investigation.Graph;

/// <summary>Resolves logged names to graph nodes and tracks each node's first/last appearance.</summary>
sealed class NodeTable
{
    sealed class State(string id, AccessNodeKind kind, string label)
    {
        public readonly string Id = id;
        public readonly AccessNodeKind Kind = kind;
        public string Label = label;
        public long First = long.MaxValue, Last = long.MinValue;
        public bool HasLogs, Privileged;
    }

    readonly Dictionary<string, State> _nodes = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _hostLabels = new(StringComparer.OrdinalIgnoreCase);
    readonly IReadOnlyDictionary<string, string> _aliases;

    public NodeTable(IReadOnlyList<string> hostsWithLogs, IReadOnlyDictionary<string, string> aliases)
    {
        _aliases = aliases;
        foreach (var h in hostsWithLogs)
        {
            var id = HostId(h);
            _hostLabels.TryAdd(HostNames.Short(h).ToString(), h);
            if (!_nodes.TryGetValue(id, out var s)) _nodes[id] = s = new State(id, AccessNodeKind.Host, h);
            s.HasLogs = true;
        }
    }

    public static string HostId(string host) => "host:" + HostNames.Short(host).ToString().ToUpperInvariant();

    public static string AccountId(string account) => "account:" + HostNames.UserPart(account).ToString().ToUpperInvariant();

    public string Source(string name, long first, long last)
    {
        if (NetAddress.TryParse(name, out var ip))
        {
            // Workstation names are whatever the client claims: alias only internal addresses, and only
            // to hosts whose own logs are in the input.
            if (_aliases.TryGetValue(name, out var workstation) && !NetAddress.IsExternal(name)
                && _hostLabels.ContainsKey(HostNames.Short(workstation).ToString()))
                return Host(workstation, first, last);
            return Touch("address:" + ip.ToString().ToUpperInvariant(), AccessNodeKind.Address, name, first, last);
        }
        return Host(name, first, last);
    }

    public string Target(string name, long first, long last) => Source(name, first, last);

    public string Account(string account, long first, long last, bool privileged)
    {
        var id = account.Length == 0 ? "account:?" : AccountId(account);
        Touch(id, AccessNodeKind.Account, account.Length == 0 ? "(unknown)" : account, first, last);
        var node = _nodes[id];
        if (privileged) node.Privileged = true;
        // Label with the most telling spelling: DOMAIN\user over user@realm over user (ties: ordinal order).
        if (Rank(account) > Rank(node.Label) || (Rank(account) == Rank(node.Label) && string.CompareOrdinal(account, node.Label) < 0))
            node.Label = account;
        return id;
    }

    static int Rank(string account) => account.Contains('\\') ? 2 : account.Contains('@') ? 1 : 0;

    string Host(string name, long first, long last)
    {
        var label = _hostLabels.TryGetValue(HostNames.Short(name).ToString(), out var known) ? known : name;
        return Touch(HostId(name), AccessNodeKind.Host, label, first, last);
    }

    string Touch(string id, AccessNodeKind kind, string label, long first, long last)
    {
        if (!_nodes.TryGetValue(id, out var s)) _nodes[id] = s = new State(id, kind, label);
        s.First = Math.Min(s.First, first);
        s.Last = Math.Max(s.Last, last);
        return id;
    }

    public List<AccessNode> Build()
    {
        var list = new List<AccessNode>(_nodes.Count);
        foreach (var s in _nodes.Values)
            list.Add(new AccessNode(s.Id, s.Kind, s.Label, s.First == long.MaxValue ? 0 : s.First, s.Last == long.MinValue ? 0 : s.Last,
                s.Kind == AccessNodeKind.Address && NetAddress.IsExternal(s.Label), s.HasLogs, s.Privileged));
        list.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Id, b.Id));
        return list;
    }
}
