namespace Harrier.Investigation.Graph;

/// <summary>
/// A drawable two-ended edge: the access graph projected as LogonTracer draws it, source → account
/// ("used from") and account → host ("logged on to"), success and failure apart.
/// </summary>
public sealed record ProjectedEdge(string From, string To, bool Success, long Count, long Privileged, long First, long Last)
{
    /// <summary>Projects every access edge into its source→account and account→target parts, merged.</summary>
    public static List<ProjectedEdge> Project(AccessGraph g)
    {
        var merged = new Dictionary<(string, string, bool), ProjectedEdge>();
        foreach (var e in g.Edges)
        {
            if (e.SourceId != null) Add(e.SourceId, e.AccountId, e);
            Add(e.AccountId, e.TargetId, e);
        }
        var list = merged.Values.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.From, b.From) is var c && c != 0 ? c
            : string.CompareOrdinal(a.To, b.To) is var d && d != 0 ? d : a.Success.CompareTo(b.Success));
        return list;

        void Add(string from, string to, AccessEdge e)
        {
            var key = (from, to, e.Success);
            merged[key] = merged.TryGetValue(key, out var p)
                ? p with { Count = p.Count + e.Count, Privileged = p.Privileged + e.PrivilegedCount, First = Math.Min(p.First, e.First), Last = Math.Max(p.Last, e.Last) }
                : new ProjectedEdge(from, to, e.Success, e.Count, e.PrivilegedCount, e.First, e.Last);
        }
    }
}
