namespace Harrier.Sigma.Model;

/// <summary>The parsed shape of one search identifier (the closed set of kinds below).</summary>
public abstract record SearchNode(int Line);

/// <summary>A map: every item must hold (AND).</summary>
public sealed record SearchAll(IReadOnlyList<SearchNode> Items, int Line) : SearchNode(Line);

/// <summary>A list of maps: one of them must hold (OR).</summary>
public sealed record SearchAny(IReadOnlyList<SearchNode> Items, int Line) : SearchNode(Line);

/// <summary><c>field|mod1|mod2: value(s)</c>. A null <see cref="Field"/> is a keyword search (<c>'|all': [...]</c>).</summary>
public sealed record FieldItem(string? Field, IReadOnlyList<string> Modifiers, IReadOnlyList<SigmaValue> Values, int Line) : SearchNode(Line);

/// <summary>A list of keywords: one of them must occur in some field value (OR).</summary>
public sealed record KeywordItem(IReadOnlyList<SigmaValue> Values, int Line) : SearchNode(Line);
