namespace Harrier.Investigation.Graph;

// Analyses over the resolved edges: lateral-movement paths, new and rare sources, patient-zero candidates.
public sealed partial class AccessGraphBuilder
{
    const long TicksPerHour = 36_000_000_000;
    const int MaxExpansions = 200_000;
    const int MaxPatientZero = 50;

    sealed record Hop(string Source, string Target, long First, long Last, SortedSet<string> Accounts);

    /// <summary>Successful edges between two different nodes, collapsed over accounts, grouped by source.</summary>
    static Dictionary<string, List<Hop>> Hops(List<AccessEdge> edges)
    {
        var byPair = new Dictionary<(string, string), Hop>();
        foreach (var e in edges)
        {
            if (!e.Success || e.SourceId is null || e.SourceId == e.TargetId) continue;
            if (byPair.TryGetValue((e.SourceId, e.TargetId), out var h))
                byPair[(e.SourceId, e.TargetId)] = h with { First = Math.Min(h.First, e.First), Last = Math.Max(h.Last, e.Last) };
            else
                byPair[(e.SourceId, e.TargetId)] = h = new Hop(e.SourceId, e.TargetId, e.First, e.Last, new SortedSet<string>(StringComparer.Ordinal));
            byPair[(e.SourceId, e.TargetId)].Accounts.Add(e.AccountId);
        }
        var bySource = new Dictionary<string, List<Hop>>(StringComparer.Ordinal);
        foreach (var h in byPair.Values)
        {
            if (!bySource.TryGetValue(h.Source, out var list)) bySource[h.Source] = list = [];
            list.Add(h);
        }
        foreach (var list in bySource.Values)
            list.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : string.CompareOrdinal(a.Target, b.Target));
        return bySource;
    }

    List<LateralPath> LateralPaths(List<AccessEdge> edges)
    {
        var hops = Hops(edges);
        var inbound = new Dictionary<string, long>(StringComparer.Ordinal); // node → earliest arrival
        foreach (var list in hops.Values)
            foreach (var h in list)
                inbound[h.Target] = Math.Min(inbound.GetValueOrDefault(h.Target, long.MaxValue), h.First);
        var found = new List<LateralPath>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var budget = MaxExpansions;
        var path = new List<PathHop>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in hops.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var h in hops[start])
            {
                // Movement that could be traced further back starts earlier: report it from there.
                if (inbound.TryGetValue(start, out var arrived) && arrived <= h.Last) continue;
                visited.Clear();
                visited.Add(start);
                Walk(h, h.First);
            }
        }
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(Key(a), Key(b)));
        return found.Count > options.MaxPaths ? found[..options.MaxPaths] : found;

        void Walk(Hop h, long time)
        {
            if (--budget < 0) return;
            path.Add(new PathHop(h.Source, h.Target, time, [.. h.Accounts]));
            visited.Add(h.Target);
            var extended = false;
            if (path.Count < options.MaxPathHops && hops.TryGetValue(h.Target, out var next))
            {
                foreach (var g in next)
                {
                    if (g.Last < time || visited.Contains(g.Target)) continue;
                    extended = true;
                    Walk(g, Math.Max(g.First, time));
                }
            }
            if (!extended && path.Count >= 2)
            {
                var p = new LateralPath([.. path]);
                if (seen.Add(Key(p))) found.Add(p);
            }
            visited.Remove(h.Target);
            path.RemoveAt(path.Count - 1);
        }
    }

    static string Key(LateralPath p) => string.Join(">", p.Hops.Select(h => h.SourceId).Append(p.Hops[^1].TargetId));

    long WindowStart(List<AccessEdge> edges)
    {
        if (options.NewSourceWindowStart != 0) return options.NewSourceWindowStart;
        var last = edges.Count == 0 ? 0 : edges.Max(e => e.Last);
        return last - options.NewSourceWindowHours * TicksPerHour;
    }

    static List<NewSource> NewSources(List<AccessEdge> edges, long windowStart)
    {
        if (edges.Count == 0 || edges.Min(e => e.First) >= windowStart) return []; // no baseline before the window
        var bySource = new Dictionary<string, (long First, SortedSet<string> Accounts, SortedSet<string> Targets)>(StringComparer.Ordinal);
        foreach (var e in edges)
        {
            if (e.SourceId is null) continue;
            if (!bySource.TryGetValue(e.SourceId, out var s))
                s = (long.MaxValue, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            s.Accounts.Add(e.AccountId);
            s.Targets.Add(e.TargetId);
            bySource[e.SourceId] = s with { First = Math.Min(s.First, e.First) };
        }
        return bySource.Where(kv => kv.Value.First >= windowStart)
            .OrderBy(kv => kv.Value.First).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new NewSource(kv.Key, kv.Value.First, [.. kv.Value.Accounts], [.. kv.Value.Targets]))
            .ToList();
    }

    List<RareSource> RareSources(List<AccessEdge> edges)
    {
        var perAccount = new Dictionary<string, Dictionary<string, (long Count, long First, long Last)>>(StringComparer.Ordinal);
        foreach (var e in edges)
        {
            if (!e.Success || e.SourceId is null || e.Protocols.Contains(AccessProtocol.RdpClient)) continue;
            if (!perAccount.TryGetValue(e.AccountId, out var sources)) perAccount[e.AccountId] = sources = new(StringComparer.Ordinal);
            var s = sources.GetValueOrDefault(e.SourceId, (0, long.MaxValue, long.MinValue));
            sources[e.SourceId] = (s.Count + e.Count, Math.Min(s.First, e.First), Math.Max(s.Last, e.Last));
        }
        var rare = new List<RareSource>();
        foreach (var (account, sources) in perAccount)
        {
            var total = sources.Values.Sum(s => s.Count);
            if (sources.Count < 2 || total < options.RareMinTotal) continue;
            foreach (var (source, s) in sources)
                if (s.Count <= options.RareMaxCount) rare.Add(new RareSource(account, source, s.Count, total, s.First, s.Last));
        }
        rare.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First)
            : (string.CompareOrdinal(a.AccountId, b.AccountId) is var c && c != 0 ? c : string.CompareOrdinal(a.SourceId, b.SourceId)));
        return rare;
    }

    static List<PatientZeroCandidate> PatientZero(List<AccessEdge> edges, List<AccessNode> nodes)
    {
        var hops = Hops(edges);
        var privileged = edges.Where(e => e.Success && e.PrivilegedCount > 0).ToList();
        var result = new List<PatientZeroCandidate>();
        foreach (var node in nodes)
        {
            if (!node.External || !hops.TryGetValue(node.Id, out var first)) continue;
            var candidate = Search(node.Id, first, hops, privileged);
            if (candidate != null) result.Add(candidate);
        }
        result.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : string.CompareOrdinal(a.SourceId, b.SourceId));
        return result.Count > MaxPatientZero ? result[..MaxPatientZero] : result;
    }

    /// <summary>Breadth-first in time order from an external source to the first privileged logon reached.</summary>
    static PatientZeroCandidate? Search(string source, List<Hop> firstHops, Dictionary<string, List<Hop>> hops, List<AccessEdge> privileged)
    {
        var queue = new Queue<(List<PathHop> Path, long Time)>();
        var best = new Dictionary<string, long>(StringComparer.Ordinal) { [source] = long.MinValue };
        foreach (var h in firstHops)
            queue.Enqueue(([new PathHop(h.Source, h.Target, h.First, [.. h.Accounts])], h.First));
        var expansions = 0;
        while (queue.Count > 0 && expansions++ < MaxExpansions)
        {
            var (path, time) = queue.Dequeue();
            var at = path[^1].TargetId;
            if (best.TryGetValue(at, out var earlier) && earlier <= time) continue;
            best[at] = time;
            AccessEdge? hit = null;
            foreach (var e in privileged)
                if (e.TargetId == at && e.PrivilegedLast >= time
                    && (hit is null || Math.Max(e.PrivilegedFirst, time) < Math.Max(hit.PrivilegedFirst, time)))
                    hit = e;
            if (hit != null)
                return new PatientZeroCandidate(source, path[0].Time, path, hit.AccountId, at, Math.Max(hit.PrivilegedFirst, time));
            if (!hops.TryGetValue(at, out var next)) continue;
            foreach (var g in next)
                if (g.Last >= time && !best.ContainsKey(g.Target))
                    queue.Enqueue(([.. path, new PathHop(g.Source, g.Target, Math.Max(g.First, time), [.. g.Accounts])], Math.Max(g.First, time)));
        }
        return null;
    }
}
