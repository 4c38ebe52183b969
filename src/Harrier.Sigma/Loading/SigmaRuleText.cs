namespace Harrier.Sigma.Loading;

/// <summary>Rule YAML that is not in a file (an embedded rule pack): its name (used in diagnostics and as the rule's path) and text.</summary>
public sealed record SigmaRuleText(string Name, string Yaml);
