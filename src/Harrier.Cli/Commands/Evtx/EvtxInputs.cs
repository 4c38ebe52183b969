namespace Harrier.Cli.Commands.Evtx;

/// <summary>Expands the PATH arguments: files as given, directories recursively (*.evtx, sorted ordinally).</summary>
internal static class EvtxInputs
{
    public static List<string> Expand(IEnumerable<string> paths, out List<string> missing)
    {
        var files = new List<string>();
        missing = [];
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p))
            {
                var found = Directory.EnumerateFiles(p, "*", new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, IgnoreInaccessible = true })
                    .Where(f => f.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else missing.Add(p);
        }
        return files;
    }
}
