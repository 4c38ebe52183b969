namespace Harrier.Sigma.Model;

/// <summary>A rule's <c>logsource</c>: category, product, service (each optional), lower-cased.</summary>
public sealed record LogSource(string? Category, string? Product, string? Service)
{
    public override string ToString() =>
        string.Join('/', new[] { Product, Category, Service }.Where(s => s != null));
}
