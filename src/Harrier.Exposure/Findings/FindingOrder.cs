namespace Harrier.Exposure.Findings;

/// <summary>The one order findings are reported in: worst first, then by rule id, then by subject name.</summary>
public static class FindingOrder
{
    public static IReadOnlyList<ExposureFinding> Sort(IEnumerable<ExposureFinding> findings) =>
        findings.OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Subject.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Subject.Name, StringComparer.Ordinal)
            .ToList();
}
