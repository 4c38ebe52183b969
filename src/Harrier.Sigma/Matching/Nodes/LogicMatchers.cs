namespace Harrier.Sigma.Matching.Nodes;

internal sealed class AndMatcher(Matcher[] operands) : Matcher
{
    public Matcher[] Operands { get; } = operands;

    public override bool Match(MatchScope scope)
    {
        foreach (var m in Operands)
            if (!m.Match(scope)) return false;
        return true;
    }

    public override string ToString() => "(" + string.Join(" and ", Operands.Select(o => o.ToString())) + ")";
}

internal sealed class OrMatcher(Matcher[] operands) : Matcher
{
    public Matcher[] Operands { get; } = operands;

    public override bool Match(MatchScope scope)
    {
        foreach (var m in Operands)
            if (m.Match(scope)) return true;
        return false;
    }

    public override string ToString() => "(" + string.Join(" or ", Operands.Select(o => o.ToString())) + ")";
}

internal sealed class NotMatcher(Matcher operand) : Matcher
{
    public Matcher Operand { get; } = operand;
    public override bool Match(MatchScope scope) => !Operand.Match(scope);
    public override string ToString() => "not " + Operand;
}

internal sealed class ConstMatcher(bool value) : Matcher
{
    public static readonly ConstMatcher True = new(true);
    public static readonly ConstMatcher False = new(false);
    public bool Value { get; } = value;
    public override bool Match(MatchScope scope) => Value;
    public override string ToString() => Value ? "true" : "false";
}
