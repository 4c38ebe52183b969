using System.Reflection;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.LogSources;

/// <summary>
/// Maps a rule's <c>logsource</c> to EVTX channels, extra conditions and field renames, from a
/// declarative YAML file in the sigmac/THOR layout (see logsources.yml, shipped as an embedded
/// resource). A user map may replace the shipped one or extend it.
/// </summary>
public sealed partial class LogSourceMap
{
    const int MaxRewriteDepth = 4;
    readonly Dictionary<string, LogSourceEntry> _entries;
    readonly Dictionary<(string Kind, string Name), string> _notApplicable;

    LogSourceMap(Dictionary<string, LogSourceEntry> entries, Dictionary<(string, string), string> notApplicable, string source)
    {
        _entries = entries;
        _notApplicable = notApplicable;
        Source = source;
    }

    static readonly Lazy<LogSourceMap> Shipped = new(() =>
    {
        using var stream = typeof(LogSourceMap).Assembly.GetManifestResourceStream("Harrier.Sigma.LogSources.logsources.yml")
            ?? throw new InvalidOperationException("embedded logsources.yml is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "<built-in logsources.yml>");
    });

    /// <summary>The map shipped with Harrier.</summary>
    public static LogSourceMap Default => Shipped.Value;

    /// <summary>Where the map came from (file names, joined with + when extended).</summary>
    public string Source { get; }

    public int EntryCount => _entries.Count;

    /// <summary>Reads a map file. <exception cref="Loading.SigmaRuleException">on invalid content (with line)</exception></summary>
    public static LogSourceMap Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>A map holding this map's entries plus <paramref name="other"/>'s (same name: other's wins).</summary>
    public LogSourceMap Extend(LogSourceMap other)
    {
        var entries = new Dictionary<string, LogSourceEntry>(_entries, StringComparer.Ordinal);
        foreach (var (k, v) in other._entries) entries[k] = v;
        var na = new Dictionary<(string, string), string>(_notApplicable);
        foreach (var (k, v) in other._notApplicable) na[k] = v;
        return new LogSourceMap(entries, na, Source + " + " + other.Source);
    }

    /// <summary>The EVTX forms of a log source, or why it has none.</summary>
    public LogSourceResolution Resolve(LogSource logSource)
    {
        if (Explicit(logSource) is { } reason) return new LogSourceResolution([], reason);
        var branches = Branches(logSource, 0);
        if (branches.Count > 0) return new LogSourceResolution(branches, null);
        if (logSource is { Product: "windows", Category: null, Service: null })
            return new LogSourceResolution([new LogSourceBranch("product windows (any channel)", null, [], Empty)], null);
        if (logSource.Product is not (null or "windows"))
            return new LogSourceResolution([], $"product '{logSource.Product}' has no EVTX form");
        return new LogSourceResolution([], $"log source '{logSource}' has no EVTX channel in {Source}");
    }

    string? Explicit(LogSource ls) =>
        (ls.Category is { } c && _notApplicable.TryGetValue(("categories", c), out var r1)) ? $"category '{c}': {r1}"
        : (ls.Service is { } s && _notApplicable.TryGetValue(("services", s), out var r2)) ? $"service '{s}': {r2}"
        : (ls.Product is { } p && _notApplicable.TryGetValue(("products", p), out var r3)) ? $"product '{p}': {r3}"
        : null;

    static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    List<LogSourceBranch> Branches(LogSource ls, int depth)
    {
        var result = new List<LogSourceBranch>();
        if (depth > MaxRewriteDepth) return result;
        var selected = _entries.Values.Where(e => e.Selects(ls)).ToList();
        if (selected.Count == 0) return result;
        var best = selected.Max(e => e.Specificity);
        foreach (var entry in selected.Where(e => e.Specificity == best).OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Sources is not null)
            {
                var channels = entry.Sources.Where(s => s.StartsWith("WinEventLog:", StringComparison.Ordinal))
                    .Select(s => s["WinEventLog:".Length..]).ToList();
                if (channels.Count > 0) result.Add(new LogSourceBranch(entry.Name, channels, entry.Conditions, entry.FieldMappings));
                continue;
            }
            if (entry.RewriteProduct is not null || entry.RewriteService is not null)
            {
                var target = new LogSource(null, entry.RewriteProduct ?? ls.Product, entry.RewriteService);
                foreach (var t in Branches(target, depth + 1))
                {
                    var mappings = new Dictionary<string, IReadOnlyList<string>>(t.FieldMappings, StringComparer.Ordinal);
                    foreach (var (k, v) in entry.FieldMappings) mappings[k] = v;
                    result.Add(new LogSourceBranch(entry.Name, t.Channels, [.. entry.Conditions, .. t.Conditions], mappings));
                }
                continue;
            }
            result.Add(new LogSourceBranch(entry.Name, null, entry.Conditions, entry.FieldMappings));
        }
        return result;
    }
}
