using Harrier.Hunting.Alerts;
using Harrier.Sigma.Matching;

namespace Harrier.Hunting.Scanning;

/// <summary>The compiled rules of one hunt and what to do with each rule's hits.</summary>
internal sealed class ScanPlan
{
    public ScanPlan(CompiledRuleSet rules, AlertRule[] alertRules, bool[] emits, bool[] feedsCorrelation, bool[] neededFields)
    {
        Rules = rules;
        AlertRules = alertRules;
        Emits = emits;
        FeedsCorrelation = feedsCorrelation;
        NeededFields = neededFields;
    }

    public CompiledRuleSet Rules { get; }

    /// <summary>Alert metadata per compiled rule (by index), then per correlation (offset by rule count).</summary>
    public AlertRule[] AlertRules { get; }

    /// <summary>Per rule: its hits become alerts (generates and selected).</summary>
    public bool[] Emits { get; }

    /// <summary>Per rule: a correlation references it.</summary>
    public bool[] FeedsCorrelation { get; }

    /// <summary>Per field id: correlations group or count by it (or it gives an alert its context).</summary>
    public bool[] NeededFields { get; }

    public AlertRule CorrelationRule(int correlationIndex) => AlertRules[Rules.Rules.Count + correlationIndex];
}
