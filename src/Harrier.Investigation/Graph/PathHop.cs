namespace Harrier.Investigation.Graph;

/// <summary>One step of a path: source node → target host, first usable at <paramref name="Time"/>, by these accounts.</summary>
public sealed record PathHop(string SourceId, string TargetId, long Time, IReadOnlyList<string> AccountIds);
