namespace Harrier.Testing;

/// <summary>
/// Locates ../shared (the read-only corpus, references and Sigma rules beside the checkout).
/// HARRIER_SHARED overrides; otherwise the first directory named "shared" that is a sibling of
/// an ancestor of the test assembly's directory.
/// </summary>
public static class SharedData
{
    static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared directory, or null when it is absent.</summary>
    public static string? RootOrNull => Root.Value;

    /// <summary>The shared directory; fails the test with a clear reason when absent.</summary>
    public static string RootPath => Root.Value ?? throw new InvalidOperationException(
        "../shared was not found beside the checkout (set HARRIER_SHARED to its path)");

    public static string Path(params string[] parts) => System.IO.Path.Combine([RootPath, .. parts]);

    public static string Corpus(params string[] parts) => System.IO.Path.Combine([RootPath, "corpus", .. parts]);

    /// <summary>The repository root (the directory holding Harrier.slnx).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Harrier.slnx"))) return dir.FullName;
            throw new InvalidOperationException("Harrier.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("HARRIER_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return System.IO.Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "corpus"))) return candidate;
        }
        return null;
    }
}
