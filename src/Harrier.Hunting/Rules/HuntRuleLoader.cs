using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Model;

namespace Harrier.Hunting.Rules;

/// <summary>
/// Loads the rules of one hunt: the built-in pack (always) plus the user's <c>--sigma</c> files and directories,
/// into one <see cref="SigmaRuleSet"/> so correlations may reference rules across both.
/// </summary>
public static class HuntRuleLoader
{
    /// <param name="cacheDirectory">Parsed-rule cache of the built-in pack and the user's rule files (<see cref="SigmaLoadOptions.CacheDirectory"/>), or null.</param>
    /// <param name="compileAhead">The options the rules will be compiled with, when known (<see cref="SigmaLoadOptions.CompileAhead"/>).</param>
    public static SigmaRuleSet Load(IReadOnlyList<string> sigmaPaths, bool builtIn = true, string? cacheDirectory = null, SigmaCompileOptions? compileAhead = null)
    {
        SigmaRuleText[] texts = builtIn ? [.. BuiltInRulePack.Files.Select(f => new SigmaRuleText(f.Source, f.Yaml))] : [];
        return SigmaRuleSet.Load(texts, sigmaPaths, SigmaLoadOptions.Default with { CacheDirectory = cacheDirectory, CompileAhead = compileAhead });
    }

    /// <summary>Whether a rule came from the built-in pack.</summary>
    public static bool IsBuiltIn(SigmaRuleInfo info) => info.Path.StartsWith(BuiltInRulePack.Prefix, StringComparison.Ordinal);
}
