namespace Harrier.Investigation.Graph;

/// <summary>
/// Aggregates <see cref="Authentication"/>s into edges as they arrive (memory per distinct
/// (source, account, target, outcome), not per event), then resolves names to nodes and runs the
/// analyses in <see cref="Build"/>.
/// </summary>
/// <remarks>
/// Node identity: accounts by user name (domain dropped, as LogonTracer does: "CORP\alice",
/// "alice@CORP.LOCAL" and "alice" are one person); hosts by their first DNS label; a source IP
/// becomes its host when some 4624 named that IP together with a workstation name (an alias),
/// and stays an address node otherwise (and always when it is external, or the workstation's own logs
/// are not in the input: workstation names are claimed by the client).
/// </remarks>
public sealed partial class AccessGraphBuilder(GraphOptions options)
{
    sealed class EdgeState
    {
        public long Count, Privileged, First = long.MaxValue, Last = long.MinValue, PrivFirst, PrivLast;
        public int Protocols;
        public readonly SortedSet<int> LogonTypes = [];
        public readonly SortedSet<int> EventIds = [];
    }

    readonly Dictionary<(string? Source, string Account, string Target, bool Success), EdgeState> _edges = [];
    readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public AccessGraphBuilder() : this(GraphOptions.Default) { }

    public void Add(in Authentication a)
    {
        var key = (a.Source, a.Account, a.Target, a.Success);
        if (!_edges.TryGetValue(key, out var s)) _edges[key] = s = new EdgeState();
        s.Count++;
        if (a.Time < s.First) s.First = a.Time;
        if (a.Time > s.Last) s.Last = a.Time;
        if (a.Privileged)
        {
            if (s.Privileged == 0 || a.Time < s.PrivFirst) s.PrivFirst = a.Time;
            if (a.Time > s.PrivLast) s.PrivLast = a.Time;
            s.Privileged++;
        }
        s.Protocols |= 1 << (int)a.Protocol;
        if (a.LogonType >= 0) s.LogonTypes.Add(a.LogonType);
        s.EventIds.Add(a.EventId);
    }

    /// <summary>Records that <paramref name="address"/> was the address of workstation <paramref name="workstation"/>.</summary>
    public void AddAlias(string address, string workstation)
    {
        if (NetAddress.TryParse(address, out var ip) && !System.Net.IPAddress.IsLoopback(ip))
            _aliases.TryAdd(address, workstation);
    }

    /// <summary>Resolves nodes and runs the analyses. <paramref name="hostsWithLogs"/>: computers whose events were read.</summary>
    public AccessGraph Build(IReadOnlyList<string> hostsWithLogs)
    {
        var nodes = new NodeTable(hostsWithLogs, _aliases);
        var merged = new Dictionary<(string? Source, string Account, string Target, bool Success), (EdgeState State, List<EdgeState> Parts)>();
        foreach (var ((source, account, target, success), state) in _edges)
        {
            var sourceId = source is null ? null : nodes.Source(source, state.First, state.Last);
            var accountId = nodes.Account(account, state.First, state.Last, state.Privileged > 0);
            var targetId = nodes.Target(target, state.First, state.Last);
            var key = (sourceId, accountId, targetId, success);
            if (merged.TryGetValue(key, out var m)) m.Parts.Add(state);
            else merged[key] = (state, [state]);
        }
        var edges = new List<AccessEdge>(merged.Count);
        foreach (var ((source, account, target, success), (_, parts)) in merged)
            edges.Add(Merge(source, account, target, success, parts));
        edges.Sort(EdgeOrder);
        var nodeList = nodes.Build();
        var windowStart = WindowStart(edges);
        var paths = LateralPaths(edges);
        return new AccessGraph(nodeList, edges, paths, NewSources(edges, windowStart), RareSources(edges),
            PatientZero(edges, nodeList), windowStart);
    }

    static AccessEdge Merge(string? source, string account, string target, bool success, List<EdgeState> parts)
    {
        long count = 0, priv = 0, first = long.MaxValue, last = long.MinValue, privFirst = long.MaxValue, privLast = 0;
        var protocols = 0;
        var types = new SortedSet<int>();
        var ids = new SortedSet<int>();
        foreach (var p in parts)
        {
            count += p.Count;
            priv += p.Privileged;
            first = Math.Min(first, p.First);
            last = Math.Max(last, p.Last);
            if (p.Privileged > 0)
            {
                privFirst = Math.Min(privFirst, p.PrivFirst);
                privLast = Math.Max(privLast, p.PrivLast);
            }
            protocols |= p.Protocols;
            types.UnionWith(p.LogonTypes);
            ids.UnionWith(p.EventIds);
        }
        var protocolList = new List<AccessProtocol>();
        foreach (var v in Enum.GetValues<AccessProtocol>())
            if ((protocols & (1 << (int)v)) != 0) protocolList.Add(v);
        return new AccessEdge(source, account, target, success, count, priv, first, last,
            priv > 0 ? privFirst : 0, privLast, protocolList, [.. types], [.. ids]);
    }

    static int EdgeOrder(AccessEdge a, AccessEdge b)
    {
        var c = a.First.CompareTo(b.First);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.SourceId, b.SourceId);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.AccountId, b.AccountId);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.TargetId, b.TargetId);
        return c != 0 ? c : a.Success.CompareTo(b.Success);
    }
}
