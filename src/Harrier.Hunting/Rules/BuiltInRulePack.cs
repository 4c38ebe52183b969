using System.Reflection;

namespace Harrier.Hunting.Rules;

/// <summary>One file of the built-in rule pack.</summary>
/// <param name="Source">Its name, <c>builtin:&lt;folder&gt;/&lt;file&gt;.yml</c>, used in alerts and errors.</param>
/// <param name="Yaml">The Sigma YAML text (one or more documents).</param>
public sealed record BuiltInRuleFile(string Source, string Yaml);

/// <summary>
/// Harrier's own access rules (RDP/logon, AD accounts, tampering/theft) in Sigma format, embedded in this
/// assembly so they are always available without network or files. See docs/rules.md.
/// </summary>
public static class BuiltInRulePack
{
    public const string Prefix = "builtin:";

    static readonly Lazy<IReadOnlyList<BuiltInRuleFile>> Cached = new(Load);

    /// <summary>Every rule file, ordered by source name.</summary>
    public static IReadOnlyList<BuiltInRuleFile> Files => Cached.Value;

    static IReadOnlyList<BuiltInRuleFile> Load()
    {
        var asm = typeof(BuiltInRulePack).Assembly;
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new BuiltInRuleFile(n, Read(asm, n)))
            .ToArray();
    }

    static string Read(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded rule {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
