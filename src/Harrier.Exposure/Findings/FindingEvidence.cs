namespace Harrier.Exposure.Findings;

/// <summary>One fact that proves a finding: an attribute (or protocol field) and the value seen.</summary>
public sealed record FindingEvidence(string Name, string Value);
