using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Correlations;

/// <summary>Resolves correlation references (ids or names, rules or correlations), aliases and generate.</summary>
internal static class CorrelationCompiler
{
    const int MaxChainDepth = 16;

    public static List<CompiledCorrelation> Compile(List<SigmaCorrelation> correlations, List<CompiledRule> rules,
        List<UnusedRule> unused, List<SigmaDiagnostic> diagnostics)
    {
        var result = new List<CompiledCorrelation>();
        var byRef = new Dictionary<string, SigmaCorrelation>(StringComparer.Ordinal);
        foreach (var c in correlations)
        {
            if (c.Info.Id is { } id) byRef.TryAdd(id, c);
            if (c.Info.Name is { } name) byRef.TryAdd(name, c);
        }
        var compiled = new Dictionary<SigmaCorrelation, CompiledCorrelation?>();
        CompiledCorrelation? Build(SigmaCorrelation c, int depth)
        {
            if (compiled.TryGetValue(c, out var done)) return done;
            compiled[c] = null; // marks "in progress": a cycle resolves to null → error
            try
            {
                if (depth > MaxChainDepth) throw new SigmaRuleException(c.Info.Line, "correlation chain too deep or cyclic");
                var members = new List<CorrelationMember>();
                var innerRefs = new List<(int Position, SigmaCorrelation Inner)>();
                for (var i = 0; i < c.Rules.Count; i++)
                {
                    var reference = c.Rules[i];
                    var rule = rules.FirstOrDefault(r => r.Info.Id == reference) ?? rules.FirstOrDefault(r => r.Info.Name == reference);
                    CompiledCorrelation? inner = null;
                    if (rule is null)
                    {
                        if (!byRef.TryGetValue(reference, out var innerDoc))
                            throw new SigmaRuleException(c.Info.Line, $"correlation references '{reference}', which is no loaded, usable rule or correlation");
                        inner = Build(innerDoc, depth + 1) ?? throw new SigmaRuleException(c.Info.Line, $"referenced correlation '{reference}' is unusable or cyclic");
                    }
                    var names = new[] { rule?.Info.Name, rule?.Info.Id, inner?.Info.Name, inner?.Info.Id, reference };
                    var groupFields = c.GroupBy.Select(g => c.Aliases.TryGetValue(g, out var perRule)
                        ? names.Where(n => n is not null).Select(n => perRule.TryGetValue(n!, out var f) ? f : null).FirstOrDefault(f => f is not null) ?? g
                        : g).ToList();
                    members.Add(new CorrelationMember(i, reference, rule, inner, groupFields));
                }
                var cc = new CompiledCorrelation(result.Count, c, members);
                result.Add(cc);
                compiled[c] = cc;
                return cc;
            }
            catch (SigmaRuleException e)
            {
                unused.Add(new UnusedRule(c.Info, e.Line, UnusedReason.Invalid, e.Message));
                diagnostics.Add(new SigmaDiagnostic(c.Info.Path, e.Line, c.Info.DisplayId, e.Message));
                return null;
            }
        }
        foreach (var c in correlations) Build(c, 0);
        // generate: referenced rules/correlations report on their own only if a referencing correlation says so
        var silenced = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var generated = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var cc in result)
            foreach (var m in cc.Members)
            {
                object target = (object?)m.Rule ?? m.Inner!;
                (cc.Correlation.Generate ? generated : silenced).Add(target);
            }
        foreach (var r in rules) r.Generates = !silenced.Contains(r) || generated.Contains(r);
        foreach (var cc in result) cc.Generates = !silenced.Contains(cc) || generated.Contains(cc);
        return result;
    }
}
