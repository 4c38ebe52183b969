namespace Harrier.Investigation.Graph;

/// <summary>The access graph and its analyses. Every list is in a fixed order (deterministic output).</summary>
/// <param name="WindowStart">Start of the "new sources" window (FILETIME).</param>
public sealed record AccessGraph(
    IReadOnlyList<AccessNode> Nodes,
    IReadOnlyList<AccessEdge> Edges,
    IReadOnlyList<LateralPath> Paths,
    IReadOnlyList<NewSource> NewSources,
    IReadOnlyList<RareSource> RareSources,
    IReadOnlyList<PatientZeroCandidate> PatientZero,
    long WindowStart)
{
    public AccessNode? Node(string id)
    {
        foreach (var n in Nodes) if (n.Id == id) return n;
        return null;
    }
}
