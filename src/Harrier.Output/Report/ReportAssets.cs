namespace Harrier.Output.Report;

/// <summary>The report's CSS and JavaScript, embedded in this assembly at build time (see Harrier.Output.csproj).</summary>
static class ReportAssets
{
    public static readonly Lazy<string> Css = new(() => Read("report.css"));
    public static readonly Lazy<string> Script = new(() => Read("report.js"));
    /// <summary>cytoscape.min.js from the npm package pinned in report/package.json.</summary>
    public static readonly Lazy<string> Cytoscape = new(() => Read("cytoscape.min.js"));

    static string Read(string name)
    {
        using var s = typeof(ReportAssets).Assembly.GetManifestResourceStream("Harrier.Report." + name)
            ?? throw new InvalidOperationException($"report asset {name} is not embedded in {typeof(ReportAssets).Assembly.GetName().Name}");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
