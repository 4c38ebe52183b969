namespace Harrier.Sigma.Matching;

/// <summary>A rule matched the event being matched.</summary>
public readonly record struct RuleHit(CompiledRule Rule);
