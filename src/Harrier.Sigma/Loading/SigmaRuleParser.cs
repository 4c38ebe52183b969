using Harrier.Sigma.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harrier.Sigma.Loading;

/// <summary>
/// Stage 1: YAML → <see cref="SigmaDocument"/> model. Every error carries the line of the offending
/// node; a bad document is reported and skipped, the other documents of the file still load.
/// </summary>
internal static partial class SigmaRuleParser
{
    public static void ParseText(string text, string file, List<SigmaDocument> documents, List<SigmaDiagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(new SigmaDiagnostic(file, (int)e.Start.Line, null, "YAML syntax: " + (e.InnerException?.Message ?? e.Message)));
            return;
        }
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is YamlScalarNode { Value: null or "" }) continue; // empty document (e.g. trailing ---)
            var line = (int)doc.RootNode.Start.Line;
            string? id = null;
            try
            {
                if (doc.RootNode is not YamlMappingNode root) throw new SigmaRuleException(line, "a rule document must be a mapping");
                id = OptionalString(root, "id") ?? OptionalString(root, "name");
                if (Parse(root, file, line, diagnostics) is { } parsed) documents.Add(parsed);
            }
            catch (SigmaRuleException e)
            {
                diagnostics.Add(new SigmaDiagnostic(file, e.Line, id, e.Message));
            }
        }
    }

    static SigmaDocument? Parse(YamlMappingNode root, string file, int line, List<SigmaDiagnostic> diagnostics)
    {
        if (Child(root, "action") is YamlScalarNode { Value: "global" or "reset" or "repeat" } action)
            throw new SigmaRuleException(Line(action), "Sigma 1.0 rule collections (action: global/reset/repeat) are not supported");
        var info = ParseInfo(root, file, line);
        if (Child(root, "correlation") is { } correlation) return ParseCorrelation(info, correlation);
        if (Child(root, "filter") is { } filter) return ParseFilter(info, root, filter);
        var detection = Child(root, "detection") ?? throw new SigmaRuleException(line, "no detection, correlation or filter section");
        var logSource = ParseLogSource(root, line);
        return new SigmaRule(info, logSource, ParseDetection(detection, info, diagnostics));
    }

    static SigmaRuleInfo ParseInfo(YamlMappingNode root, string file, int line)
    {
        var title = OptionalString(root, "title") ?? throw new SigmaRuleException(line, "missing title");
        return new SigmaRuleInfo
        {
            Title = title,
            Id = OptionalString(root, "id"),
            Name = OptionalString(root, "name"),
            Status = OptionalString(root, "status")?.ToLowerInvariant(),
            Level = OptionalString(root, "level")?.ToLowerInvariant(),
            Description = OptionalString(root, "description"),
            Author = OptionalString(root, "author"),
            Date = OptionalString(root, "date"),
            Tags = StringList(root, "tags"),
            References = StringList(root, "references"),
            FalsePositives = StringList(root, "falsepositives"),
            Fields = StringList(root, "fields"),
            Path = file,
            Line = line,
        };
    }

    static LogSource ParseLogSource(YamlMappingNode root, int line)
    {
        if (Child(root, "logsource") is not YamlMappingNode ls) throw new SigmaRuleException(line, "missing logsource");
        var category = OptionalString(ls, "category")?.ToLowerInvariant();
        var product = OptionalString(ls, "product")?.ToLowerInvariant();
        var service = OptionalString(ls, "service")?.ToLowerInvariant();
        if (category is null && product is null && service is null)
            throw new SigmaRuleException(Line(ls), "logsource needs at least one of category, product, service");
        return new LogSource(category, product, service);
    }

    static SigmaFilter ParseFilter(SigmaRuleInfo info, YamlMappingNode root, YamlNode filter)
    {
        if (filter is not YamlMappingNode map) throw new SigmaRuleException(Line(filter), "filter must be a mapping");
        var logSource = ParseLogSource(root, info.Line);
        IReadOnlyList<string> rules = Child(map, "rules") switch
        {
            YamlScalarNode { Value: "any" } => [],
            YamlScalarNode s when !string.IsNullOrEmpty(s.Value) => [s.Value!],
            YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.Select(c => Scalar(c, "filter rule reference")).ToList(),
            var other => throw new SigmaRuleException(Line(other ?? map), "filter.rules must list rule ids or names (or be 'any')"),
        };
        return new SigmaFilter(info, logSource, rules, ParseDetection(map, info, null, skipKey: "rules"));
    }

    internal static int Line(YamlNode node) => (int)node.Start.Line;

    internal static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    static string? OptionalString(YamlMappingNode map, string key) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => string.IsNullOrEmpty(s.Value) ? null : s.Value,
        var other => throw new SigmaRuleException(Line(other), $"'{key}' must be a single value"),
    };

    static IReadOnlyList<string> StringList(YamlMappingNode map, string key) => Child(map, key) switch
    {
        null => [],
        YamlScalarNode s => string.IsNullOrEmpty(s.Value) ? [] : [s.Value],
        YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode cs ? cs.Value ?? "" : c.ToString()).ToList(),
        var other => throw new SigmaRuleException(Line(other), $"'{key}' must be a list"),
    };

    internal static string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw new SigmaRuleException(Line(node), $"{what} must be a non-empty value");

    /// <summary>A YAML scalar as a typed Sigma value (plain null/~/empty → null; plain ints/floats/bools typed).</summary>
    internal static SigmaValue Value(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return new SigmaValue(SigmaValueKind.String, v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return SigmaValue.Null;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            return new SigmaValue(SigmaValueKind.Boolean, v.ToLowerInvariant());
        if (IsNumber(v)) return new SigmaValue(SigmaValueKind.Number, v);
        return new SigmaValue(SigmaValueKind.String, v);
    }

    static bool IsNumber(string v)
    {
        var i = v.Length > 0 && v[0] is '-' or '+' ? 1 : 0;
        if (i == v.Length) return false;
        var digits = 0;
        var dot = false;
        for (; i < v.Length; i++)
        {
            if (char.IsAsciiDigit(v[i])) digits++;
            else if (v[i] == '.' && !dot) dot = true;
            else return false;
        }
        return digits > 0;
    }
}
