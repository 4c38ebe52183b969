namespace Harrier.Sigma.Conditions;

/// <summary>A parsed Sigma condition (the closed set of node kinds below).</summary>
public abstract record ConditionNode;

public sealed record IdentifierCondition(string Name) : ConditionNode;

public sealed record NotCondition(ConditionNode Operand) : ConditionNode;

public sealed record AndCondition(IReadOnlyList<ConditionNode> Operands) : ConditionNode;

public sealed record OrCondition(IReadOnlyList<ConditionNode> Operands) : ConditionNode;

/// <summary><c>1 of pattern</c> (<see cref="All"/> false) or <c>all of pattern</c>; pattern <c>them</c> or a <c>*</c> glob.</summary>
public sealed record OfCondition(bool All, string Pattern) : ConditionNode;
