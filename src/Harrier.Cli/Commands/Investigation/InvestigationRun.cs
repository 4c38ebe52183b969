using Harrier.Hunting.Scanning;
using Harrier.Investigation;
using Harrier.Investigation.Sessions;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>Reads the inputs once into the stitcher; prints missing and unreadable inputs on stderr.</summary>
static class InvestigationRun
{
    public static (InvestigationResult Result, List<FileReconciliation> Files, bool BadInput) Run(
        IEnumerable<string> paths, InvestigationOptions options, Action<string, Harrier.Evtx.Events.EventFields>? alsoEach = null)
    {
        var missing = new List<string>();
        var files = EventFileReader.Expand(paths, missing);
        foreach (var m in missing) Console.Error.WriteLine($"harrier: {m}: no such file or directory");
        var stitcher = new SessionStitcher(options);
        var reports = new List<FileReconciliation>();
        foreach (var f in files)
        {
            var report = EventFileReader.Read(f, e =>
            {
                stitcher.Add(e);
                alsoEach?.Invoke(f, e);
            });
            reports.Add(report);
            if (report.Unreadable != null) Console.Error.WriteLine($"harrier: {f}: unreadable: {report.Unreadable}");
            foreach (var p in report.Problems) Console.Error.WriteLine($"harrier: {f}: {p.Location}: {p.Message}");
            if (report.Failed > report.Problems.Count)
                Console.Error.WriteLine($"harrier: {f}: {report.Failed - report.Problems.Count} more unreadable records");
        }
        return (stitcher.Finish(), reports, missing.Count > 0 || reports.Any(r => r.IsUnreadable));
    }
}
