using System.ComponentModel;
using Harrier.Output.Report;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Investigation;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<CASE>")]
    [Description("A case file written with --db.")]
    public string Case { get; init; } = "";

    [CommandOption("-o|--output <FILE>")]
    [Description("The HTML file to write (default: the case file's name with .html).")]
    public string? Output { get; init; }
}

/// <summary><c>harrier report</c>: the self-contained HTML report of a case file.</summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Case))
        {
            Console.Error.WriteLine($"harrier: {settings.Case}: no such case file");
            return 2;
        }
        var output = settings.Output ?? Path.ChangeExtension(settings.Case, ".html");
        try
        {
            HtmlReport.WriteFromCase(settings.Case, output);
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            Console.Error.WriteLine($"harrier: {settings.Case}: not a readable case file: {e.Message}");
            return 2;
        }
        Console.Error.WriteLine($"harrier: report written to {output}");
        return 0;
    }
}
