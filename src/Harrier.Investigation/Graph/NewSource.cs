namespace Harrier.Investigation.Graph;

/// <summary>A source first seen inside the window (the logs reach back before it).</summary>
public sealed record NewSource(string SourceId, long First, IReadOnlyList<string> AccountIds, IReadOnlyList<string> TargetIds);
