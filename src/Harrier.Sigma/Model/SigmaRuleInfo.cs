namespace Harrier.Sigma.Model;

/// <summary>The metadata every Sigma document carries (detection, correlation and filter rules alike).</summary>
public sealed record SigmaRuleInfo
{
    public required string Title { get; init; }
    public string? Id { get; init; }
    /// <summary>The unique <c>name</c> correlations may reference instead of the id.</summary>
    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? Level { get; init; }
    public string? Description { get; init; }
    public string? Author { get; init; }
    public string? Date { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<string> FalsePositives { get; init; } = [];
    /// <summary>The rule's <c>fields</c> list (fields worth showing with a hit).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
    /// <summary>File the document was loaded from.</summary>
    public required string Path { get; init; }
    /// <summary>1-based line where the document starts.</summary>
    public int Line { get; init; }

    /// <summary>"path:line" for messages.</summary>
    public string Location => $"{Path}:{Line}";

    /// <summary>Id, else name, else title: how diagnostics and outputs name the rule.</summary>
    public string DisplayId => Id ?? Name ?? Title;
}
