using Harrier.Evtx.Events;
using Harrier.Sigma.Conditions;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Sigma.Model;
using Harrier.Sigma.Modifiers;

namespace Harrier.Sigma.Compilation;

/// <summary>
/// Stage 2 for one detection: condition + searches (under one branch's field mapping) → matcher tree.
/// </summary>
internal sealed class DetectionCompiler(SigmaDetection detection, IReadOnlyDictionary<string, IReadOnlyList<string>> fieldMappings,
    SigmaCompileOptions options)
{
    readonly Dictionary<string, Matcher> _searches = new(StringComparer.Ordinal);

    public Matcher Compile()
    {
        var alternatives = new List<Matcher>();
        foreach (var text in detection.Conditions)
        {
            ConditionNode node;
            try
            {
                node = ConditionParser.Parse(text);
            }
            catch (FormatException e)
            {
                throw new SigmaRuleException(detection.ConditionLine, $"condition '{text}': {e.Message}");
            }
            alternatives.Add(Condition(node));
        }
        return alternatives.Count == 1 ? alternatives[0] : new OrMatcher([.. alternatives]);
    }

    Matcher Condition(ConditionNode node) => node switch
    {
        IdentifierCondition id => Search(id.Name),
        NotCondition n => new NotMatcher(Condition(n.Operand)),
        AndCondition a => new AndMatcher(a.Operands.Select(Condition).ToArray()),
        OrCondition o => new OrMatcher(o.Operands.Select(Condition).ToArray()),
        OfCondition of => Of(of),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    Matcher Of(OfCondition of)
    {
        var names = detection.Searches.Keys.Where(k => of.Pattern == "them" ? !k.StartsWith('_') : GlobMatches(of.Pattern, k)).ToList();
        if (names.Count == 0)
            throw new SigmaRuleException(detection.ConditionLine, $"'{(of.All ? "all" : "1")} of {of.Pattern}' matches no search identifier");
        var operands = names.Select(Search).ToArray();
        if (operands.Length == 1) return operands[0];
        return of.All ? new AndMatcher(operands) : new OrMatcher(operands);
    }

    static bool GlobMatches(string pattern, string name) =>
        SigmaPattern.Parse(pattern).ToPredicate(cased: true).IsMatch(name, null!);

    Matcher Search(string name)
    {
        if (_searches.TryGetValue(name, out var m)) return m;
        if (!detection.Searches.TryGetValue(name, out var search))
            throw new SigmaRuleException(detection.ConditionLine, $"condition names unknown search identifier '{name}'");
        return _searches[name] = Node(search);
    }

    Matcher Node(SearchNode node) => node switch
    {
        SearchAll all => And(all.Items.Select(Node)),
        SearchAny any => Or(any.Items.Select(Node)),
        FieldItem item => Item(item),
        KeywordItem kw => Keywords(kw),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    Matcher Item(FieldItem item)
    {
        if (item.Field is null) return ItemCompiler.Compile(item, null, options);
        if (!fieldMappings.TryGetValue(item.Field, out var mapped)) return ItemCompiler.Compile(item, item.Field, options);
        var alternatives = mapped.Select(f => ItemCompiler.Compile(item, f, options)).ToArray();
        return alternatives.Length == 1 ? alternatives[0] : new OrMatcher(alternatives);
    }

    Matcher Keywords(KeywordItem kw)
    {
        if (kw.Values.Any(v => v.Kind == SigmaValueKind.Null)) throw new SigmaRuleException(kw.Line, "null is not a keyword");
        var predicates = kw.Values
            .Select(v => (v.Kind == SigmaValueKind.String ? SigmaPattern.Parse(v.Text) : SigmaPattern.Literal(v.Text)).WithLeadingAnyRun().WithTrailingAnyRun().ToPredicate(cased: false))
            .ToArray();
        return new KeywordMatcher(predicates, all: false);
    }

    static Matcher And(IEnumerable<Matcher> items)
    {
        var a = items.ToArray();
        return a.Length == 1 ? a[0] : new AndMatcher(a);
    }

    static Matcher Or(IEnumerable<Matcher> items)
    {
        var a = items.ToArray();
        return a.Length == 1 ? a[0] : new OrMatcher(a);
    }

    /// <summary>EventIDs the tree requires (every match has one of them), or null when not bounded.</summary>
    public static HashSet<int>? RequiredEventIds(Matcher m) => m switch
    {
        FieldMatcher f when f.FieldId == FieldNames.EventId && !f.All && f.Predicates.All(p => p is ExactPredicate e && int.TryParse(e.Text, out _))
            => f.Predicates.Select(p => int.Parse(((ExactPredicate)p).Text, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
        AndMatcher a => a.Operands.Select(RequiredEventIds).Where(s => s is not null)
            .Aggregate((HashSet<int>?)null, (acc, s) => acc is null ? s : acc.Intersect(s!).ToHashSet()),
        OrMatcher o => o.Operands.Select(RequiredEventIds).ToList() is var sets && sets.All(s => s is not null)
            ? sets.SelectMany(s => s!).ToHashSet() : null,
        _ => null,
    };
}
