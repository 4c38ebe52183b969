using Harrier.Sigma.Loading;

namespace Harrier.Sigma.Modifiers;

/// <summary>An <c>expand</c> placeholder has no values: the spec requires rejecting the rule.</summary>
internal sealed class UnresolvedPlaceholderException(int line, string placeholder)
    : Exception($"unresolved placeholder %{placeholder}% (give its values in a placeholder file)")
{
    public int Line { get; } = line;
    public string Placeholder { get; } = placeholder;
}
