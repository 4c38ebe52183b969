namespace Harrier.Exposure.Findings;

/// <summary>How urgently a finding should be fixed. Ordered: a larger value is worse.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
