using Harrier.Hunting.Alerts;
using Harrier.Sigma.Model;

namespace Harrier.Hunting.Rules;

/// <summary>
/// Which rules report alerts (<c>--min-level</c>, <c>--status</c>, <c>--tag</c>, <c>--exclude-rule</c>,
/// <c>--include-deprecated</c>). Rules left out still feed correlations that are selected.
/// </summary>
public sealed record RuleSelection
{
    public static readonly RuleSelection All = new();

    /// <summary>Lowest level reported (default informational: everything).</summary>
    public AlertLevel MinLevel { get; init; } = AlertLevel.Informational;

    /// <summary>Statuses reported; empty = any status except deprecated/unsupported (see <see cref="IncludeDeprecated"/>).</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Tags of which a rule must carry at least one (case-insensitive, <c>*</c> suffix wildcard); empty = any.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Rule ids (or names) never reported.</summary>
    public IReadOnlyList<string> ExcludedIds { get; init; } = [];

    /// <summary>Report rules with status deprecated or unsupported.</summary>
    public bool IncludeDeprecated { get; init; }

    /// <summary>Whether a rule with this metadata reports alerts.</summary>
    public bool Selects(SigmaRuleInfo info)
    {
        var level = AlertLevels.TryParse(info.Level, out var l) ? l : AlertLevel.Informational;
        if (level < MinLevel) return false;
        var status = info.Status ?? "";
        if (!IncludeDeprecated && status is "deprecated" or "unsupported") return false;
        if (Statuses.Count > 0 && !Statuses.Contains(status, StringComparer.OrdinalIgnoreCase)) return false;
        if (Tags.Count > 0 && !info.Tags.Any(t => Tags.Any(p => TagMatches(p, t)))) return false;
        if (ExcludedIds.Count > 0 // asked first: the lambda would be allocated for every rule of every hunt
            && ExcludedIds.Any(x => string.Equals(x, info.Id, StringComparison.OrdinalIgnoreCase)
                                    || string.Equals(x, info.Name, StringComparison.OrdinalIgnoreCase))) return false;
        return true;
    }

    static bool TagMatches(string pattern, string tag) =>
        pattern.EndsWith('*')
            ? tag.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, tag, StringComparison.OrdinalIgnoreCase);
}
