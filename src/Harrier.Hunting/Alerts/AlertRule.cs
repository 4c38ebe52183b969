namespace Harrier.Hunting.Alerts;

/// <summary>Where a rule came from: the embedded built-in pack or a user's Sigma file.</summary>
public enum RuleOrigin
{
    BuiltIn,
    User,
}

/// <summary>
/// The rule metadata an alert carries (copied from the loaded Sigma rule once; alerts share the instance).
/// </summary>
/// <param name="Id">The rule's <c>id</c> (a UUID in the built-in pack; may be empty for user rules without one).</param>
/// <param name="Title">The rule's <c>title</c>.</param>
/// <param name="Level">The rule's own level (an alert's effective level, after any exposure raise, is <see cref="Alert.Level"/>).</param>
/// <param name="Status">Sigma <c>status</c> (stable, test, experimental, deprecated, unsupported) or empty.</param>
/// <param name="Tags">Sigma <c>tags</c> in file order (e.g. <c>attack.credential-access</c>, <c>attack.t1110.003</c>).</param>
/// <param name="Origin">Built-in pack or user rule.</param>
/// <param name="Source">The rule file: <c>builtin:rdp/rdp_logon_public_address.yml</c> or the path given.</param>
public sealed record AlertRule(
    string Id,
    string Title,
    AlertLevel Level,
    string Status,
    IReadOnlyList<string> Tags,
    RuleOrigin Origin,
    string Source)
{
    /// <summary>The loaded rule's metadata (null for an alert made without one): its notes are decoded when first read.</summary>
    public Harrier.Sigma.Model.SigmaRuleInfo? Info { get; init; }

    /// <summary>The rule's <c>description</c>, or empty.</summary>
    public string Description => Info?.Description ?? "";

    /// <summary>The rule's <c>falsepositives</c> notes.</summary>
    public IReadOnlyList<string> FalsePositives => Info?.FalsePositives ?? [];

    string? _tagsText;

    /// <summary>Tags joined with a space, as the CSV <c>Tags</c> column shows them (joined when first asked: most rules never alert).</summary>
    public string TagsText => _tagsText ??= string.Join(' ', Tags);

    // equality over the members, not the joined tags (computed or not)
    public bool Equals(AlertRule? other) =>
        other is not null && (ReferenceEquals(this, other) || (Id == other.Id && Title == other.Title && Level == other.Level && Status == other.Status
            && Equals(Tags, other.Tags) && Origin == other.Origin && Source == other.Source && Equals(Info, other.Info)));

    public override int GetHashCode() => HashCode.Combine(Id, Title, Level, Status, Tags, Origin, Source, Info);
}
