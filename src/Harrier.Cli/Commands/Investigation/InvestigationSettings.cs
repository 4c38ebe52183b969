using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Investigation;

/// <summary>Inputs and options shared by <c>logons</c> and <c>graph</c>.</summary>
public abstract class InvestigationSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Event logs: .evtx, evtx_dump .json/.jsonl (optionally .gz) files, or directories searched recursively.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-o|--output <FILE>")]
    [Description("Write to FILE instead of standard output.")]
    public string? Output { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("Also write a DuckDB case file (events, sessions, graph; replaces FILE). Query it with 'harrier query'.")]
    public string? Db { get; init; }

    [CommandOption("--include-machine-accounts")]
    [Description("Let machine accounts (NAME$) make graph edges too (noisy on domain controllers).")]
    public bool IncludeMachineAccounts { get; init; }

    [CommandOption("--new-since <TIME>")]
    [Description("Start of the 'new sources' window (ISO-8601 UTC, e.g. 2024-05-01T00:00:00Z); default: the last 24 hours of the logs.")]
    public string? NewSince { get; init; }

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("give at least one PATH");
        if (NewSince != null && !DateTimeOffset.TryParse(NewSince, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out _))
            return ValidationResult.Error($"--new-since: '{NewSince}' is not a time (use ISO-8601, e.g. 2024-05-01T00:00:00Z)");
        return ValidationResult.Success();
    }

    internal Harrier.Investigation.InvestigationOptions ToOptions() => new()
    {
        Graph = Harrier.Investigation.Graph.GraphOptions.Default with
        {
            IncludeMachineAccounts = IncludeMachineAccounts,
            NewSourceWindowStart = NewSince is null ? 0
                : DateTimeOffset.Parse(NewSince, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).UtcDateTime.ToFileTimeUtc(),
        },
    };
}
