using System.ComponentModel;
using Harrier.Investigation.Export;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Investigation;

public sealed class LogonsSettings : InvestigationSettings
{
    [CommandOption("--csv")]
    [Description("CSV (RFC 4180, header row) instead of a table.")]
    public bool Csv { get; init; }

    [CommandOption("--jsonl")]
    [Description("JSON Lines (one object per row) instead of a table.")]
    public bool Jsonl { get; init; }

    [CommandOption("--view <VIEW>")]
    [Description("Rows to show: logons (Security logon sessions), rdp (RDP host and gateway sessions) or failures (grouped per source, account, target).")]
    [DefaultValue("logons")]
    public string View { get; init; } = "logons";

    public override ValidationResult Validate()
    {
        if (Csv && Jsonl) return ValidationResult.Error("--csv and --jsonl exclude each other");
        if (View is not ("logons" or "rdp" or "failures")) return ValidationResult.Error($"--view: unknown view '{View}' (logons, rdp, failures)");
        return base.Validate();
    }
}

/// <summary><c>harrier logons</c>: logon/RDP sessions and failure groups stitched from the inputs.</summary>
public sealed class LogonsCommand : Command<LogonsSettings>
{
    public override int Execute(CommandContext context, LogonsSettings settings, CancellationToken cancellationToken)
    {
        var (result, _, bad) = CaseFile.Investigate(settings, "logons");
        var view = settings.View switch { "rdp" => SessionView.Rdp, "failures" => SessionView.Failures, _ => SessionView.Logons };
        if (settings.Jsonl)
        {
            using var s = OutputTarget.Open(settings.Output);
            SessionWriter.WriteJsonl(s, result, view);
        }
        else if (settings.Csv || settings.Output != null)
        {
            using var w = OutputTarget.OpenText(settings.Output);
            SessionWriter.WriteCsv(w, result, view);
        }
        else
        {
            var (columns, rows) = SessionWriter.Brief(result, view);
            var table = new Table().Border(TableBorder.Simple);
            foreach (var c in columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
            foreach (var row in rows) table.AddRow(row.Select(v => new Text(v ?? "")).ToArray());
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"{result.Sessions.Count} logon sessions ({result.Sessions.Count(x => x.IsOpen)} open at end of log), " +
                $"{result.RdpSessions.Count} RDP sessions, {result.Failures.Count} failure groups ({result.Failures.Sum(f => f.Count)} failures) " +
                $"from {result.Scope.Events} events on {result.Scope.Hosts.Count} hosts");
        }
        return bad ? 2 : 0;
    }
}
