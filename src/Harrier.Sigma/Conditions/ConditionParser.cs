namespace Harrier.Sigma.Conditions;

/// <summary>
/// Parses a Sigma condition with the spec's precedence, loosest to tightest:
/// <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; <c>x of</c> &lt; parentheses.
/// So <c>not 1 of filter_*</c> is NOT(filter_a OR filter_b …).
/// </summary>
public static class ConditionParser
{
    const int MaxDepth = 64;

    /// <exception cref="FormatException">the condition is not valid; the message says why.</exception>
    public static ConditionNode Parse(string condition)
    {
        var tokens = Tokenize(condition);
        var pos = 0;
        var node = ParseOr(tokens, ref pos, 0);
        if (pos != tokens.Count) throw new FormatException($"unexpected '{tokens[pos]}' in condition");
        return node;
    }

    static ConditionNode ParseOr(List<string> t, ref int pos, int depth)
    {
        var operands = new List<ConditionNode> { ParseAnd(t, ref pos, depth) };
        while (pos < t.Count && Is(t[pos], "or"))
        {
            pos++;
            operands.Add(ParseAnd(t, ref pos, depth));
        }
        return operands.Count == 1 ? operands[0] : new OrCondition(operands);
    }

    static ConditionNode ParseAnd(List<string> t, ref int pos, int depth)
    {
        var operands = new List<ConditionNode> { ParseNot(t, ref pos, depth) };
        while (pos < t.Count && Is(t[pos], "and"))
        {
            pos++;
            operands.Add(ParseNot(t, ref pos, depth));
        }
        return operands.Count == 1 ? operands[0] : new AndCondition(operands);
    }

    static ConditionNode ParseNot(List<string> t, ref int pos, int depth)
    {
        if (depth > MaxDepth) throw new FormatException("condition nested too deeply");
        if (pos < t.Count && Is(t[pos], "not"))
        {
            pos++;
            return new NotCondition(ParseNot(t, ref pos, depth + 1));
        }
        return ParseAtom(t, ref pos, depth);
    }

    static ConditionNode ParseAtom(List<string> t, ref int pos, int depth)
    {
        if (pos >= t.Count) throw new FormatException("condition ends unexpectedly");
        var token = t[pos++];
        if (token == "(")
        {
            var inner = ParseOr(t, ref pos, depth + 1);
            if (pos >= t.Count || t[pos] != ")") throw new FormatException("missing ')' in condition");
            pos++;
            return inner;
        }
        if (token == ")") throw new FormatException("unexpected ')' in condition");
        if (pos < t.Count && Is(t[pos], "of"))
        {
            var all = Is(token, "all");
            if (!all && token != "1" && !Is(token, "any"))
                throw new FormatException($"'{token} of' is not supported; use '1 of' or 'all of'");
            pos++;
            if (pos >= t.Count || t[pos] is "(" or ")") throw new FormatException($"'{token} of' needs a pattern or 'them'");
            var pattern = t[pos++];
            return new OfCondition(all, Is(pattern, "them") ? "them" : pattern);
        }
        if (Is(token, "and") || Is(token, "or") || Is(token, "not") || Is(token, "of"))
            throw new FormatException($"unexpected '{token}' in condition");
        if (token.Contains('*')) throw new FormatException($"wildcard '{token}' is only allowed after '1 of' or 'all of'");
        return new IdentifierCondition(token);
    }

    static bool Is(string token, string keyword) => token.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }
            if (c == '|') throw new FormatException("'|' aggregations are Sigma 1.0 syntax; use a correlation rule");
            var start = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '-' or '*' or '.')) i++;
            if (i == start) throw new FormatException($"unexpected character '{c}' in condition");
            tokens.Add(s[start..i]);
        }
        if (tokens.Count == 0) throw new FormatException("empty condition");
        return tokens;
    }
}
