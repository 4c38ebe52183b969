namespace Harrier.Sigma.Loading;

/// <summary>How rule files are found and read.</summary>
public sealed record SigmaLoadOptions
{
    public static readonly SigmaLoadOptions Default = new();

    /// <summary>File name patterns searched in directories.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = ["*.yml", "*.yaml"];

    /// <summary>Load files in parallel (results are still in path order).</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// Directory of the parsed-rule cache (null: none). Parse results are reused while every rule file's path and
    /// bytes are unchanged; anything else parses the files again. See docs/sigma.md, "Rule cache".
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The options the rule set will be compiled with, when known (else null). Then, when the parsed-rule cache serves the
    /// rules, the compiled-rule cache of these options (<see cref="SigmaCompileOptions.CacheDirectory"/>) is read on
    /// another thread while the documents decode, and <see cref="SigmaCompiler.Compile"/> with these options takes it.
    /// </summary>
    public SigmaCompileOptions? CompileAhead { get; init; }

    /// <summary>The usual cache directory: <c>$XDG_CACHE_HOME/harrier</c> or <c>~/.cache/harrier</c> (null when unknown).</summary>
    public static string? DefaultCacheDirectory => ParsedRuleCache.DefaultDirectory();
}
