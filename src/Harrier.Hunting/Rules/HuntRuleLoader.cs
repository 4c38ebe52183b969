using Harrier.Sigma.Loading;
using Harrier.Sigma.Model;

namespace Harrier.Hunting.Rules;

/// <summary>
/// Loads the rules of one hunt: the built-in pack (always) plus the user's <c>--sigma</c> files and directories,
/// into one <see cref="SigmaRuleSet"/> so correlations may reference rules across both.
/// </summary>
public static class HuntRuleLoader
{
    /// <param name="cacheDirectory">Parsed-rule cache of the user's rule files (<see cref="SigmaLoadOptions.CacheDirectory"/>), or null.</param>
    public static SigmaRuleSet Load(IReadOnlyList<string> sigmaPaths, bool builtIn = true, string? cacheDirectory = null)
    {
        var documents = new List<SigmaDocument>();
        var diagnostics = new List<SigmaDiagnostic>();
        var files = 0;
        if (builtIn)
        {
            foreach (var file in BuiltInRulePack.Files)
            {
                var parsed = SigmaRuleSet.Parse(file.Yaml, file.Source);
                documents.AddRange(parsed.Documents);
                diagnostics.AddRange(parsed.Diagnostics);
                files++;
            }
        }
        if (sigmaPaths.Count > 0)
        {
            var user = SigmaRuleSet.Load(sigmaPaths, SigmaLoadOptions.Default with { CacheDirectory = cacheDirectory });
            documents.AddRange(user.Documents);
            diagnostics.AddRange(user.Diagnostics);
            files += user.FileCount;
        }
        return new SigmaRuleSet(documents, diagnostics, files);
    }

    /// <summary>Whether a rule came from the built-in pack.</summary>
    public static bool IsBuiltIn(SigmaRuleInfo info) => info.Path.StartsWith(BuiltInRulePack.Prefix, StringComparison.Ordinal);
}
