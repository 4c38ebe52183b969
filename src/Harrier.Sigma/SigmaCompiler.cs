using Harrier.Sigma.Compilation;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Loading;
using Harrier.Sigma.LogSources;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Model;
using Harrier.Sigma.Modifiers;

namespace Harrier.Sigma;

/// <summary>
/// Stage 2: a loaded <see cref="SigmaRuleSet"/> → <see cref="CompiledRuleSet"/>. Each rule's log
/// source is resolved through the <see cref="LogSourceMap"/> into branches (channels, extra
/// conditions, field renames); filters are ANDed into the rules they name; field names become
/// <see cref="Harrier.Evtx.Events.FieldNames"/> ids; contains-searches over a busy field are merged
/// into one shared literal search; and/or operands are ordered cheapest first; rules are indexed by
/// (channel, EventID). A rule that cannot run is listed in <see cref="CompiledRuleSet.Unused"/> with its reason; the others compile.
/// </summary>
public static class SigmaCompiler
{
    /// <param name="map">The log source map; null = the shipped one (<see cref="LogSourceMap.Default"/>), which the compiled-rule cache requires.</param>
    public static CompiledRuleSet Compile(SigmaRuleSet ruleSet, LogSourceMap? map = null, SigmaCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        options ??= SigmaCompileOptions.Default;
        // the compiled-rule cache: for the shipped map only (its content is part of the build, which the key covers)
        var cacheKey = options.CacheDirectory is not null && map is null ? CompiledRuleCache.Key(ruleSet, options) : null;
        var cacheFile = cacheKey is null ? null : CompiledRuleCache.FileFor(options.CacheDirectory!, cacheKey);
        var products = cacheFile is null ? null : Cached(ruleSet, cacheFile, cacheKey!, options);
        if (products is null)
        {
            products = Derive(ruleSet, map ?? LogSourceMap.Default, options);
            if (cacheFile is not null) CompiledRuleCache.TryWrite(cacheFile, cacheKey!, ruleSet, products);
        }
        var (rules, unused, diagnostics, literals, triggerOf) = products;
        var index = products.Index ?? CompiledRuleCache.IndexOf([.. rules.Select(r => r.Branches)], triggerOf);
        var correlations = CorrelationCompiler.Compile(ruleSet.Correlations.ToList(), rules, unused, diagnostics);
        return new CompiledRuleSet(rules, correlations, unused, diagnostics, index, literals);
    }

    /// <summary>The cached products: those read while the rule set loaded when they are of this key, else read now.</summary>
    static CompiledRuleCache.Products? Cached(SigmaRuleSet ruleSet, string cacheFile, byte[] cacheKey, SigmaCompileOptions options)
    {
        if (ruleSet.TakeAhead() is { } ahead)
        {
            var staged = ahead.Staged.GetAwaiter().GetResult();
            if (ahead.Key.AsSpan().SequenceEqual(cacheKey)) return staged is null ? null : CompiledRuleCache.TryJoin(staged, ruleSet);
            staged?.Release(); // read for other options, and joined to nothing
        }
        return CompiledRuleCache.TryRead(cacheFile, cacheKey, ruleSet, options);
    }

    /// <summary>Everything up to indexing and correlations: what the compiled-rule cache keeps.</summary>
    internal static CompiledRuleCache.Products Derive(SigmaRuleSet ruleSet, LogSourceMap map, SigmaCompileOptions options)
    {
        var unused = new List<UnusedRule>();
        var diagnostics = new List<SigmaDiagnostic>(ruleSet.Diagnostics);
        var filters = ruleSet.Filters.ToList();
        var rules = new List<CompiledRule>();
        // Branches compile independently, so on all cores; the results are then taken in rule order.
        var sources = ruleSet.Rules.ToList();
        var resolutions = sources.Select(r => map.Resolve(r.LogSource)).ToList();
        var outcomes = new (List<SigmaFilter> Applied, List<CompiledBranch>? Branches, Exception? Error)[sources.Count];
        System.Threading.Tasks.Parallel.For(0, sources.Count, i =>
        {
            if (!resolutions[i].IsApplicable) return;
            var rule = sources[i];
            var applied = filters.Where(f => Applies(f, rule)).ToList();
            try
            {
                outcomes[i] = (applied, resolutions[i].Branches.Select(b => CompileBranch(rule, b, applied, options)).ToList(), null);
            }
            catch (Exception e) when (e is UnresolvedPlaceholderException or SigmaRuleException)
            {
                outcomes[i] = (applied, null, e);
            }
        });
        for (var i = 0; i < sources.Count; i++)
        {
            var rule = sources[i];
            var resolution = resolutions[i];
            if (!resolution.IsApplicable)
            {
                unused.Add(new UnusedRule(rule.Info, rule.Info.Line, UnusedReason.NotApplicable, resolution.NotApplicableReason!));
                continue;
            }
            switch (outcomes[i].Error)
            {
                case null:
                    rules.Add(new CompiledRule(rules.Count, rule, outcomes[i].Branches!) { AppliedFilters = outcomes[i].Applied.Select(f => f.Info.DisplayId).ToList() });
                    break;
                case UnresolvedPlaceholderException e:
                    unused.Add(new UnusedRule(rule.Info, e.Line, UnusedReason.UnresolvedPlaceholder, e.Message));
                    break;
                case SigmaRuleException e:
                    unused.Add(new UnusedRule(rule.Info, e.Line, UnusedReason.Invalid, e.Message));
                    diagnostics.Add(new SigmaDiagnostic(rule.Info.Path, e.Line, rule.Info.DisplayId, e.Message));
                    break;
            }
        }
        var literals = options.SharedLiteralSearch ? LiteralSharing.Apply(rules, options) : [];
        CostOrdering.Apply(rules);
        var triggers = literals.Length > 0 ? new RuleTriggers(literals) : null;
        var triggerOf = new RuleTrigger?[rules.Count][];
        System.Threading.Tasks.Parallel.For(0, rules.Count, i => triggerOf[i] = [.. rules[i].Branches.Select(b => triggers?.Of(b.Matcher))]);
        return new CompiledRuleCache.Products(rules, unused, diagnostics, literals, triggerOf);
    }

    static CompiledBranch CompileBranch(SigmaRule rule, LogSourceBranch branch, List<SigmaFilter> filters, SigmaCompileOptions options)
    {
        var parts = new List<Matcher>();
        foreach (var condition in branch.Conditions) parts.Add(ItemCompiler.Compile(condition, condition.Field, options));
        parts.Add(new DetectionCompiler(rule.Detection, branch.FieldMappings, options).Compile());
        foreach (var f in filters)
        {
            try
            {
                parts.Add(new DetectionCompiler(f.Detection, branch.FieldMappings, options).Compile());
            }
            catch (SigmaRuleException e)
            {
                throw new SigmaRuleException(e.Line, $"filter {f.Info.DisplayId} ({f.Info.Path}): {e.Message}");
            }
        }
        var matcher = parts.Count == 1 ? parts[0] : new AndMatcher([.. parts]);
        return new CompiledBranch(branch.Channels, DetectionCompiler.RequiredEventIds(matcher), matcher, branch.Entry);
    }

    /// <summary>A filter applies to a rule it names (or any rule) whose log source lies within the filter's.</summary>
    static bool Applies(SigmaFilter f, SigmaRule rule)
    {
        var named = f.AppliesToAny || f.Rules.Any(r => r == rule.Info.Id || r == rule.Info.Name);
        if (!named) return false;
        var fl = f.LogSource;
        return (fl.Category is null || fl.Category == rule.LogSource.Category)
            && (fl.Product is null || fl.Product == rule.LogSource.Product)
            && (fl.Service is null || fl.Service == rule.LogSource.Service);
    }
}
