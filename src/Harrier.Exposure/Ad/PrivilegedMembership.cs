namespace Harrier.Exposure.Ad;

/// <summary>
/// Who is a member, directly or through nested groups (or through primaryGroupID), of the
/// privileged groups, and of Protected Users; with the shortest path as evidence. Privileged:
/// Administrators, Account/Server/Print/Backup Operators (S-1-5-32-544, 548–551), and the domain's
/// Domain Admins (512), Cert Publishers (517), Schema Admins (518), Enterprise Admins (519),
/// Key Admins (526), Enterprise Key Admins (527); and the -500 Administrator itself.
/// </summary>
sealed class PrivilegedMembership
{
    static readonly string[] BuiltinPrivileged = ["S-1-5-32-544", "S-1-5-32-548", "S-1-5-32-549", "S-1-5-32-550", "S-1-5-32-551"];
    static readonly uint[] DomainPrivilegedRids = [512, 517, 518, 519, 526, 527];
    const uint ProtectedUsersRid = 525;

    readonly Dictionary<string, string> _privilegedPath;   // member DN → "Tier0Ops → Administrators"
    readonly HashSet<string> _protected;

    public PrivilegedMembership(AdSnapshot snapshot)
    {
        var privilegedSids = new HashSet<string>(BuiltinPrivileged, StringComparer.OrdinalIgnoreCase);
        if (snapshot.DomainSid is { } ds)
            foreach (var rid in DomainPrivilegedRids) privilegedSids.Add($"{ds}-{rid}");
        var roots = snapshot.Groups.Where(g => g.Sid is not null && privilegedSids.Contains(g.Sid)).ToList();
        _privilegedPath = Closure(snapshot, roots);
        foreach (var a in snapshot.Accounts.Where(a => a.Rid == 500 && a.Sid?.StartsWith(snapshot.DomainSid + "-", StringComparison.Ordinal) == true))
            _privilegedPath.TryAdd(a.DistinguishedName, "built-in Administrator (RID 500)");

        var protectedGroups = snapshot.DomainSid is { } d
            ? snapshot.Groups.Where(g => g.Sid == $"{d}-{ProtectedUsersRid}").ToList()
            : [];
        _protected = new HashSet<string>(Closure(snapshot, protectedGroups).Keys, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>How the account is privileged ("Domain Admins", "Tier0Ops → Administrators"), or null.</summary>
    public string? PathOf(AdAccount a) => _privilegedPath.GetValueOrDefault(a.DistinguishedName);

    public bool IsPrivileged(AdAccount a) => _privilegedPath.ContainsKey(a.DistinguishedName);

    public bool IsProtectedUser(AdAccount a) => _protected.Contains(a.DistinguishedName);

    // Breadth-first from the root groups down the member links (and primaryGroupID), so each member
    // gets its shortest path; the path reads from the member's group up to the root group.
    static Dictionary<string, string> Closure(AdSnapshot snapshot, IReadOnlyList<AdGroup> roots)
    {
        var byDn = snapshot.Groups.ToDictionary(g => g.DistinguishedName, StringComparer.OrdinalIgnoreCase);
        var bySid = snapshot.Groups.Where(g => g.Sid is not null).GroupBy(g => g.Sid!).ToDictionary(g => g.Key, g => g.First());
        var path = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<(AdGroup Group, string Path)>();
        foreach (var r in roots.OrderBy(r => r.DistinguishedName, StringComparer.OrdinalIgnoreCase))
            if (visited.Add(r.DistinguishedName)) queue.Enqueue((r, r.SamAccountName));
        var reachedGroups = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (queue.Count > 0)
        {
            var (group, via) = queue.Dequeue();
            if (group.Sid is not null) reachedGroups.TryAdd(group.Sid, via);
            foreach (var member in group.Members.Order(StringComparer.OrdinalIgnoreCase))
            {
                if (byDn.TryGetValue(member, out var nested))
                {
                    if (visited.Add(nested.DistinguishedName)) queue.Enqueue((nested, $"{nested.SamAccountName} → {via}"));
                }
                else path.TryAdd(member, via);
            }
        }
        if (snapshot.DomainSid is { } ds)
            foreach (var a in snapshot.Accounts)
                if (a.PrimaryGroupId is { } pg && reachedGroups.TryGetValue($"{ds}-{pg}", out var via) && bySid.ContainsKey($"{ds}-{pg}"))
                    path.TryAdd(a.DistinguishedName, $"primaryGroupID {pg} → {via}");
        return path;
    }
}
