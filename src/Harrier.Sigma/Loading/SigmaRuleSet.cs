using Harrier.Sigma.Model;

namespace Harrier.Sigma.Loading;

/// <summary>
/// Every document loaded from a set of rule files and directories, plus every problem found.
/// A bad document is reported (file:line, reason) and skipped; the rest load.
/// </summary>
public sealed class SigmaRuleSet
{
    public SigmaRuleSet(IReadOnlyList<SigmaDocument> documents, IReadOnlyList<SigmaDiagnostic> diagnostics, int fileCount)
    {
        Documents = documents;
        Diagnostics = diagnostics;
        FileCount = fileCount;
    }

    public IReadOnlyList<SigmaDocument> Documents { get; }
    public IReadOnlyList<SigmaDiagnostic> Diagnostics { get; }
    public int FileCount { get; }

    /// <summary>
    /// The parsed-rule cache's content key of the sources these documents were parsed from (null when loaded without a
    /// cache): it names this rule set exactly, so the compiled-rule cache can key on it.
    /// </summary>
    internal byte[]? ContentKey { get; init; }

    public IEnumerable<SigmaRule> Rules => Documents.OfType<SigmaRule>();
    public IEnumerable<SigmaCorrelation> Correlations => Documents.OfType<SigmaCorrelation>();
    public IEnumerable<SigmaFilter> Filters => Documents.OfType<SigmaFilter>();

    /// <summary>Loads files and (recursively) directories; order is deterministic (ordinal path order).</summary>
    public static SigmaRuleSet Load(IEnumerable<string> paths, SigmaLoadOptions? options = null) => Load([], paths, options);

    /// <summary>
    /// Loads <paramref name="texts"/> (in their order), then files and (recursively) directories (ordinal path order),
    /// into one set, so correlations may reference rules across both. The parsed-rule cache covers both.
    /// </summary>
    public static SigmaRuleSet Load(IReadOnlyList<SigmaRuleText> texts, IEnumerable<string> paths, SigmaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= SigmaLoadOptions.Default;
        var pathList = paths.ToList();
        var missing = new List<SigmaDiagnostic>();
        var files = new List<string>();
        foreach (var path in pathList)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                var found = options.Patterns.SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories)).Distinct().ToList();
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else missing.Add(new SigmaDiagnostic(path, 0, null, "no such file or directory"));
        }
        var sources = new ParsedRuleCache.Sources(texts, files);
        string? cacheFile = null;
        ParsedRuleCache.StatKey? statKey = null;
        if (options.CacheDirectory is { } cacheDirectory && sources.Count > 0 && ParsedRuleCache.Stat(sources) is { } k)
        {
            statKey = k;
            cacheFile = ParsedRuleCache.FileFor(cacheDirectory, pathList, texts);
        }
        byte[]? contentKey = null;
        var results = cacheFile is null ? null : ParsedRuleCache.TryRead(cacheFile, sources, statKey!, out contentKey);
        if (results is null)
        {
            if (cacheFile is not null) contentKey ??= ParsedRuleCache.Content(sources); // before parsing: see TryWrite
            results = Parse(sources, options);
            if (cacheFile is not null && contentKey is not null) ParsedRuleCache.TryWrite(cacheFile, statKey!, contentKey, results);
        }
        // diagnostics in the order of the sources: the texts', then missing paths, then the files'
        var documents = new List<SigmaDocument>();
        var diagnostics = new List<SigmaDiagnostic>();
        for (var i = 0; i < results.Length; i++)
        {
            if (i == texts.Count) diagnostics.AddRange(missing);
            documents.AddRange(results[i].Docs);
            diagnostics.AddRange(results[i].Diags);
        }
        if (results.Length == texts.Count) diagnostics.AddRange(missing);
        return new SigmaRuleSet(documents, diagnostics, sources.Count) { ContentKey = cacheFile is null ? null : contentKey };
    }

    static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] Parse(ParsedRuleCache.Sources sources, SigmaLoadOptions options)
    {
        var results = new (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[sources.Count];
        var texts = sources.Texts;
        var files = sources.Files;
        void LoadOne(int i)
        {
            var docs = new List<SigmaDocument>();
            var diags = new List<SigmaDiagnostic>();
            if (i < texts.Count)
            {
                SigmaRuleParser.ParseText(texts[i].Yaml, texts[i].Name, docs, diags);
                results[i] = (docs, diags);
                return;
            }
            var file = files[i - texts.Count];
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diags.Add(new SigmaDiagnostic(file, 0, null, "cannot read: " + e.Message));
                results[i] = (docs, diags);
                return;
            }
            SigmaRuleParser.ParseText(text, file, docs, diags);
            results[i] = (docs, diags);
        }
        if (options.Parallel && sources.Count > 8) System.Threading.Tasks.Parallel.For(0, sources.Count, LoadOne);
        else for (var i = 0; i < sources.Count; i++) LoadOne(i);
        return results;
    }

    /// <summary>Parses rule text that is not in a file (tests, embedded rules).</summary>
    public static SigmaRuleSet Parse(string yaml, string name = "<text>")
    {
        var docs = new List<SigmaDocument>();
        var diags = new List<SigmaDiagnostic>();
        SigmaRuleParser.ParseText(yaml, name, docs, diags);
        return new SigmaRuleSet(docs, diags, 1);
    }
}
