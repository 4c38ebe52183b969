namespace Harrier.Sigma.Loading;

/// <summary>A rule is invalid or cannot be used; carries the 1-based line of the offending node.</summary>
public sealed class SigmaRuleException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
