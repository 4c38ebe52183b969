using Harrier.Sigma.Model;

namespace Harrier.Sigma.LogSources;

/// <summary>
/// One way a rule's log source appears in EVTX: the channels (null = any channel), conditions ANDed
/// to the rule (e.g. EventID: 1) and the field renames to apply to the rule (e.g. Image → NewProcessName).
/// </summary>
public sealed record LogSourceBranch(
    string Entry,
    IReadOnlyList<string>? Channels,
    IReadOnlyList<FieldItem> Conditions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FieldMappings);

/// <summary>The branches of a rule's log source (ORed), or why it has no EVTX form.</summary>
public sealed record LogSourceResolution(IReadOnlyList<LogSourceBranch> Branches, string? NotApplicableReason)
{
    public bool IsApplicable => NotApplicableReason is null;
}
