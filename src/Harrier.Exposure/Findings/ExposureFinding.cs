namespace Harrier.Exposure.Findings;

/// <summary>
/// One exposure: a rule (<see cref="Id"/>, e.g. AD-KERBEROAST or RDP-NLA-NOT-ENFORCED) that holds
/// for one subject, with the evidence that proves it and the fix. The rule ids are listed in
/// <see cref="FindingIds"/> and documented in docs/exposure.md.
/// </summary>
public sealed record ExposureFinding
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    public required ExposureSubject Subject { get; init; }
    public required IReadOnlyList<FindingEvidence> Evidence { get; init; }
    public required string Fix { get; init; }

    /// <summary>The value of the first evidence item named <paramref name="name"/>, or null.</summary>
    public string? EvidenceValue(string name)
    {
        foreach (var e in Evidence)
            if (string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) return e.Value;
        return null;
    }
}
