namespace Harrier.Sigma.Model;

/// <summary>The YAML type of a value as written in the rule.</summary>
public enum SigmaValueKind { String, Number, Boolean, Null }

/// <summary>A scalar value from a rule, with its source text (numbers and booleans as written).</summary>
public readonly record struct SigmaValue(SigmaValueKind Kind, string Text)
{
    public static readonly SigmaValue Null = new(SigmaValueKind.Null, "");
}
