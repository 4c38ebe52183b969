using Harrier.Evtx.Events;
using Harrier.Hunting.Inputs;
using Harrier.Hunting.Scanning;
using Harrier.Investigation;
using Harrier.Investigation.Sessions;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>Reads the inputs once into the stitcher; prints unreadable inputs and records on stderr.</summary>
static class InvestigationRun
{
    public static (InvestigationResult Result, List<FileReconciliation> Files, bool BadInput) Run(
        IEnumerable<string> paths, InvestigationOptions options, Action<string, EventFields>? alsoEach = null, bool quiet = false)
    {
        var (inputs, unreadable) = InputDiscovery.Find(paths);
        var stitcher = new SessionStitcher(options);
        var reports = new List<FileReconciliation>(unreadable);
        foreach (var f in inputs)
        {
            reports.Add(EventFileReader.Read(f, e =>
            {
                stitcher.Add(e);
                alsoEach?.Invoke(f.Name, e);
            }));
        }
        reports.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        if (!quiet)
            foreach (var r in reports)
            {
                if (r.Unreadable != null) Console.Error.WriteLine($"harrier: {r.File}: unreadable: {r.Unreadable}");
                foreach (var p in r.Problems) Console.Error.WriteLine($"harrier: {r.File}: {p.Location}: {p.Message}");
                if (r.Failed > r.Problems.Count)
                    Console.Error.WriteLine($"harrier: {r.File}: {r.Failed - r.Problems.Count} more unreadable records");
            }
        return (stitcher.Finish(), reports, reports.Any(r => r.IsUnreadable));
    }
}
