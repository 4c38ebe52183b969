using Harrier.Sigma.Matching.Nodes;

namespace Harrier.Sigma.Matching;

/// <summary>One log source branch of a rule: channels (null = any), EventIDs (null = any) and the matcher.</summary>
internal sealed record CompiledBranch(IReadOnlyList<string>? Channels, IReadOnlySet<int>? EventIds, Matcher Matcher, string Entry);
