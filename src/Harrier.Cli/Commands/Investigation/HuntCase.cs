using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Investigation;
using Harrier.Output.CaseDb;
using Harrier.Output.Report;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>
/// <c>harrier hunt --db/--html</c>: alerts stream into a case file while the hunt emits them; then a
/// second pass over the inputs stitches sessions and the access graph (and, for --db, writes every
/// event). --html without --db uses a temporary case file (without the events table's rows).
/// </summary>
sealed class HuntCase : IDisposable
{
    readonly string? _db, _html, _temp;
    readonly CaseDbWriter _writer;

    HuntCase(string? db, string? html, Hunting.ExposureInput? exposure)
    {
        _db = db;
        _html = html;
        if (db is null) _temp = Path.Combine(Path.GetTempPath(), "harrier-report-" + Guid.NewGuid().ToString("N") + ".duckdb");
        _writer = CaseDbWriter.Create(db ?? _temp!);
        if (exposure is not null) _writer.WriteExposureFindings(exposure.Files);
    }

    /// <summary>Null when neither option was given.</summary>
    public static HuntCase? Open(string? db, string? html, Hunting.ExposureInput? exposure) =>
        db is null && html is null ? null : new HuntCase(db, html, exposure);

    public void Add(Alert alert) => _writer.AddAlert(alert);

    /// <summary>Reads the inputs again for sessions and the graph, closes the case file and writes the report.</summary>
    public void Finish(IReadOnlyList<string> paths, ScanSummary summary)
    {
        var writeEvents = _db != null;
        var run = InvestigationRun.Run(paths, InvestigationOptions.Default, writeEvents ? (f, e) => _writer.AddEvent(f, e) : null, quiet: true);
        _writer.WriteFiles(summary.Files);
        _writer.WriteInvestigation(run.Result);
        _writer.Meta("command", "hunt");
        if (!writeEvents) _writer.Meta("scope_events", summary.Rendered.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = _writer.Path;
        _writer.Dispose();
        if (_db != null) Console.Error.WriteLine($"harrier: case file {_db}: {run.Result.Sessions.Count} sessions, {run.Result.Graph.Edges.Count} edges");
        if (_html != null)
        {
            HtmlReport.WriteFromCase(path, _html);
            Console.Error.WriteLine($"harrier: report written to {_html}");
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (_temp is null) return;
        File.Delete(_temp);
        File.Delete(_temp + ".wal");
    }
}
