using Harrier.Cli.Commands.Sigma;
using Spectre.Console.Cli;

namespace Harrier.Cli;

static partial class CommandRegistry
{
    static partial void AddSigmaCommands(IConfigurator config) =>
        config.AddBranch("rules", rules =>
        {
            rules.SetDescription("Sigma rules: validate them, try them on events.");
            rules.AddCommand<RulesLintCommand>("lint")
                .WithDescription("Load and compile Sigma rules; list every unusable rule with file:line and reason; counts by status, level and log source.")
                .WithExample("rules", "lint", "rules/windows", "--strict");
            rules.AddCommand<RulesTestCommand>("test")
                .WithDescription("Show which rules match which records of the given event files.")
                .WithExample("rules", "test", "rules/windows/process_creation", "events.jsonl");
        });
}
