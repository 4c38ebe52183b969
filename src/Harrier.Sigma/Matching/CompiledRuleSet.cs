using Harrier.Evtx.Events;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Loading;

namespace Harrier.Sigma.Matching;

/// <summary>
/// The output of <see cref="SigmaCompiler.Compile"/>: runnable rules indexed by (channel, EventID),
/// compiled correlations, and every rule that will not run with its reason. Immutable and
/// thread-safe; each thread matches through its own <see cref="CreateMatcher"/>.
/// </summary>
public sealed class CompiledRuleSet
{
    internal CompiledRuleSet(
        IReadOnlyList<CompiledRule> rules,
        IReadOnlyList<CompiledCorrelation> correlations,
        IReadOnlyList<UnusedRule> unused,
        IReadOnlyList<SigmaDiagnostic> diagnostics,
        RuleIndex index,
        LiteralSearch[] literalSearches)
    {
        Rules = rules;
        Correlations = correlations;
        Unused = unused;
        Diagnostics = diagnostics;
        Index = index;
        LiteralSearches = literalSearches;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }
    public IReadOnlyList<CompiledCorrelation> Correlations { get; }

    /// <summary>Rules (and correlations, filters) that will not run: not applicable, unresolved placeholders, invalid.</summary>
    public IReadOnlyList<UnusedRule> Unused { get; }

    /// <summary>Load and compile diagnostics together.</summary>
    public IReadOnlyList<SigmaDiagnostic> Diagnostics { get; }

    internal RuleIndex Index { get; }
    internal LiteralSearch[] LiteralSearches { get; }

    /// <summary>Number of fields with a shared literal search, and needles over all of them.</summary>
    public (int Fields, int Needles) LiteralSearchSize => (LiteralSearches.Length, LiteralSearches.Sum(l => l.Automaton.NeedleCount));

    /// <summary>A matcher for one thread (not thread-safe itself).</summary>
    public RuleMatcher CreateMatcher() => new(this);

    /// <summary>The rule with this id or name, if compiled.</summary>
    public CompiledRule? Find(string idOrName) =>
        Rules.FirstOrDefault(r => r.Info.Id == idOrName) ?? Rules.FirstOrDefault(r => r.Info.Name == idOrName);

    internal static int ChannelFieldId => FieldNames.Channel;
}
