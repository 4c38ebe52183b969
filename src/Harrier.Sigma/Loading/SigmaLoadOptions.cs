namespace Harrier.Sigma.Loading;

/// <summary>How rule files are found and read.</summary>
public sealed record SigmaLoadOptions
{
    public static readonly SigmaLoadOptions Default = new();

    /// <summary>File name patterns searched in directories.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = ["*.yml", "*.yaml"];

    /// <summary>Load files in parallel (results are still in path order).</summary>
    public bool Parallel { get; init; } = true;
}
