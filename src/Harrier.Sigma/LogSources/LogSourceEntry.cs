using Harrier.Sigma.Model;

namespace Harrier.Sigma.LogSources;

/// <summary>One <c>logsources.&lt;name&gt;</c> entry of a map file.</summary>
internal sealed record LogSourceEntry(
    string Name,
    string? Category,
    string? Product,
    string? Service,
    IReadOnlyList<FieldItem> Conditions,
    string? RewriteProduct,
    string? RewriteService,
    IReadOnlyList<string>? Sources,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FieldMappings)
{
    public int Specificity => (Category is null ? 0 : 1) + (Product is null ? 0 : 1) + (Service is null ? 0 : 1);

    public bool Selects(LogSource ls) =>
        Specificity > 0
        && (Category is null || Category == ls.Category)
        && (Product is null || Product == ls.Product)
        && (Service is null || Service == ls.Service);
}
