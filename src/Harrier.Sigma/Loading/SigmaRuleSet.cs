using System.IO.Enumeration;
using Harrier.Sigma.Compilation;
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

    CompiledAhead? _ahead;

    /// <summary>The compiled-rule cache read while this set loaded (<see cref="SigmaLoadOptions.CompileAhead"/>), else null.</summary>
    internal CompiledAhead? Ahead { get => Volatile.Read(ref _ahead); init => _ahead = value; }

    /// <summary>
    /// <see cref="Ahead"/>, taken by the first compile that asks: its products are joined to one compiled set (whose
    /// automata stay in the mapped file) or released, never both, and never twice.
    /// </summary>
    internal CompiledAhead? TakeAhead() => Interlocked.Exchange(ref _ahead, null);

    /// <summary>The compiled-rule cache of <paramref name="Key"/>, being read on another thread.</summary>
    internal sealed record CompiledAhead(byte[] Key, Task<CompiledRuleCache.Staged?> Staged);

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
        var stats = new List<ParsedRuleCache.FileStat?>();
        foreach (var path in pathList)
        {
            if (File.Exists(path))
            {
                files.Add(path);
                stats.Add(null); // stat'ed with the others' below
            }
            else if (Directory.Exists(path))
            {
                var found = RuleFiles(path, options.Patterns);
                found.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
                foreach (var (file, stat) in found)
                {
                    files.Add(file);
                    stats.Add(stat);
                }
            }
            else missing.Add(new SigmaDiagnostic(path, 0, null, "no such file or directory"));
        }
        var sources = new ParsedRuleCache.Sources(texts, files) { Stats = stats };
        string? cacheFile = null;
        ParsedRuleCache.StatKey? statKey = null;
        if (options.CacheDirectory is { } cacheDirectory && sources.Count > 0 && ParsedRuleCache.Stat(sources) is { } k)
        {
            statKey = k;
            cacheFile = ParsedRuleCache.FileFor(cacheDirectory, pathList, texts);
        }
        byte[]? contentKey = null;
        CompiledAhead? ahead = null;
        void ContentKnown(byte[] content)
        {
            if (options.CompileAhead is { CacheDirectory: { } directory } compile && CompiledRuleCache.Key(content, compile) is { } key)
                ahead = new CompiledAhead(key, Task.Run(() => CompiledRuleCache.TryStage(CompiledRuleCache.FileFor(directory, key), key, compile)));
        }
        var results = cacheFile is null ? null : ParsedRuleCache.TryRead(cacheFile, sources, statKey!, out contentKey, ContentKnown);
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
        return new SigmaRuleSet(documents, diagnostics, sources.Count) { ContentKey = cacheFile is null ? null : contentKey, Ahead = ahead };
    }

    /// <summary>
    /// The files under <paramref name="directory"/> whose names match a pattern, as <see cref="Directory.EnumerateFiles(string, string, SearchOption)"/>
    /// finds them for each pattern (each file once), with the size and modification time the walk reads anyway: one walk
    /// instead of one per pattern, and no second <c>stat</c> of each file by path for the cache's stat key.
    /// </summary>
    static List<(string Path, ParsedRuleCache.FileStat Stat)> RuleFiles(string directory, IReadOnlyList<string> patterns)
    {
        var expressions = patterns.Select(p => FileSystemName.TranslateWin32Expression(p)).ToArray();
        var options = new EnumerationOptions { RecurseSubdirectories = true, MatchType = MatchType.Win32, AttributesToSkip = 0, IgnoreInaccessible = false };
        var walk = new FileSystemEnumerable<(string, ParsedRuleCache.FileStat)>(directory,
            (ref FileSystemEntry e) => (e.ToSpecifiedFullPath(), new ParsedRuleCache.FileStat(e.Length, e.LastWriteTimeUtc.UtcDateTime)), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) =>
            {
                if (e.IsDirectory) return false;
                foreach (var x in expressions)
                    if (FileSystemName.MatchesWin32Expression(x, e.FileName, ignoreCase: OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())) return true; // as the platform matches names
                return false;
            },
        };
        return [.. walk];
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
