using Harrier.Cli.Commands.Hunting;
using Spectre.Console.Cli;

namespace Harrier.Cli;

static partial class CommandRegistry
{
    static partial void AddHuntingCommands(IConfigurator config) =>
        config.AddCommand<HuntCommand>("hunt")
            .WithDescription("Scan EVTX / evtx_dump JSON logs (files, folders, .zip packages) with the built-in access rules and Sigma rules; write a time-ordered alert timeline.")
            .WithExample("hunt", "C:/cases/dc01/logs", "--csv", "alerts.csv")
            .WithExample("hunt", "collection.zip", "--sigma", "sigma/rules/windows", "--min-level", "medium", "--jsonl", "alerts.jsonl")
            .WithExample("hunt", "Security.evtx", "--from", "2024-05-01T00:00:00+00:00", "--timezone", "Europe/Berlin", "--fail-on", "high");
}
