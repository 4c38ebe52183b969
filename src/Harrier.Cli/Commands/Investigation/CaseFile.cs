using Harrier.Evtx.Events;
using Harrier.Hunting.Scanning;
using Harrier.Investigation;
using Harrier.Output.CaseDb;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>Runs an investigation over the inputs, writing every event to a case file on the way when asked.</summary>
static class CaseFile
{
    public static (InvestigationResult Result, List<FileReconciliation> Files, bool BadInput) Investigate(
        InvestigationSettings settings, string command)
    {
        if (settings.Db is null) return InvestigationRun.Run(settings.Paths, settings.ToOptions());
        using var db = CaseDbWriter.Create(settings.Db);
        var run = InvestigationRun.Run(settings.Paths, settings.ToOptions(), (f, e) => db.AddEvent(f, e));
        db.WriteFiles(run.Files);
        db.WriteInvestigation(run.Result);
        db.Meta("command", command);
        Console.Error.WriteLine($"harrier: case file {settings.Db}: {db.EventsWritten} events, {run.Result.Sessions.Count} sessions, {run.Result.Graph.Edges.Count} edges");
        return run;
    }
}
