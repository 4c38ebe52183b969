namespace Harrier.Sigma;

/// <summary>Settings of <see cref="SigmaCompiler.Compile"/>.</summary>
public sealed record SigmaCompileOptions
{
    public static readonly SigmaCompileOptions Default = new();

    /// <summary>Values of <c>expand</c> placeholders (name without %, values ORed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Time limit of one regex evaluation; a timeout counts as no match and is reported.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Answer <c>contains</c> searches from one shared multi-needle scan per field and event
    /// (on by default; off only to measure its effect).
    /// </summary>
    public bool SharedLiteralSearch { get; init; } = true;

    /// <summary>A field gets a shared literal search once this many needles search it.</summary>
    public int SharedLiteralMinNeedles { get; init; } = 8;

    /// <summary>
    /// Directory of the compiled-rule cache (null: none), used for rule sets loaded through the parsed-rule cache
    /// (<see cref="Loading.SigmaRuleSet.ContentKey"/>) and the shipped log source map. See docs/sigma.md, "Rule cache".
    /// </summary>
    public string? CacheDirectory { get; init; }
}
