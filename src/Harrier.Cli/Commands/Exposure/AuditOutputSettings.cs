using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

/// <summary>The output options both audits share.</summary>
public class AuditOutputSettings : CommandSettings
{
    [CommandOption("--json <FILE>")]
    [Description("Write the findings document (harrier-exposure-findings JSON, see docs/exposure.md) to FILE; --json=- writes it to stdout instead of the table.")]
    public string? Json { get; init; }

    [CommandOption("--csv <FILE>")]
    [Description("Write the findings as CSV to FILE; --csv=- writes it to stdout instead of the table.")]
    public string? Csv { get; init; }

    [CommandOption("--quiet")]
    [Description("Do not print the table (errors still go to stderr).")]
    public bool Quiet { get; init; }
}
