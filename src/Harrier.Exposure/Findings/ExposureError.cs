namespace Harrier.Exposure.Findings;

/// <summary>A target that could not be audited, and why (the rest of the run goes on).</summary>
public sealed record ExposureError(string Target, string Kind, string Message);
