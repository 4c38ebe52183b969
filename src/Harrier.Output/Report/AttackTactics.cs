namespace Harrier.Output.Report;

/// <summary>ATT&amp;CK tactics named by Sigma tags (<c>attack.credential-access</c>), in kill-chain order.</summary>
public static class AttackTactics
{
    public static readonly IReadOnlyList<string> Ordered =
    [
        "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
        "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
        "collection", "command-and-control", "exfiltration", "impact",
    ];

    /// <summary>The tactics among the tags (order kept, duplicates dropped); underscores read as hyphens.</summary>
    public static List<string> FromTags(IEnumerable<string> tags)
    {
        var result = new List<string>();
        foreach (var tag in tags)
        {
            if (!tag.StartsWith("attack.", StringComparison.OrdinalIgnoreCase)) continue;
            var name = tag[7..].Replace('_', '-').ToLowerInvariant();
            if (Ordered.Contains(name) && !result.Contains(name)) result.Add(name);
        }
        return result;
    }

    public static int Rank(string tactic)
    {
        for (var i = 0; i < Ordered.Count; i++) if (Ordered[i] == tactic) return i;
        return Ordered.Count;
    }
}
