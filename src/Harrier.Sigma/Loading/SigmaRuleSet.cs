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

    public IEnumerable<SigmaRule> Rules => Documents.OfType<SigmaRule>();
    public IEnumerable<SigmaCorrelation> Correlations => Documents.OfType<SigmaCorrelation>();
    public IEnumerable<SigmaFilter> Filters => Documents.OfType<SigmaFilter>();

    /// <summary>Loads files and (recursively) directories; order is deterministic (ordinal path order).</summary>
    public static SigmaRuleSet Load(IEnumerable<string> paths, SigmaLoadOptions? options = null)
    {
        options ??= SigmaLoadOptions.Default;
        paths = paths.ToList();
        var diagnostics = new List<SigmaDiagnostic>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                var found = options.Patterns.SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories)).Distinct().ToList();
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else diagnostics.Add(new SigmaDiagnostic(path, 0, null, "no such file or directory"));
        }
        byte[]? key = null;
        string? cacheFile = null;
        if (options.CacheDirectory is { } cacheDirectory && files.Count > 0 && ParsedRuleCache.Key(files) is { } k)
        {
            key = k;
            cacheFile = ParsedRuleCache.FileFor(cacheDirectory, paths);
        }
        var results = cacheFile is null ? null : ParsedRuleCache.TryRead(cacheFile, key!, files.Count);
        if (results is null)
        {
            results = Parse(files, options);
            if (cacheFile is not null) ParsedRuleCache.TryWrite(cacheFile, key!, results);
        }
        var documents = new List<SigmaDocument>();
        foreach (var (docs, diags) in results)
        {
            documents.AddRange(docs);
            diagnostics.AddRange(diags);
        }
        return new SigmaRuleSet(documents, diagnostics, files.Count);
    }

    static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] Parse(List<string> files, SigmaLoadOptions options)
    {
        var results = new (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[files.Count];
        void LoadOne(int i)
        {
            var docs = new List<SigmaDocument>();
            var diags = new List<SigmaDiagnostic>();
            string text;
            try
            {
                text = File.ReadAllText(files[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diags.Add(new SigmaDiagnostic(files[i], 0, null, "cannot read: " + e.Message));
                results[i] = (docs, diags);
                return;
            }
            SigmaRuleParser.ParseText(text, files[i], docs, diags);
            results[i] = (docs, diags);
        }
        if (options.Parallel && files.Count > 8) System.Threading.Tasks.Parallel.For(0, files.Count, LoadOne);
        else for (var i = 0; i < files.Count; i++) LoadOne(i);
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
