using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Sigma;

/// <summary>Options shared by the <c>rules</c> commands: the log source map and placeholder values.</summary>
public class RulesCommonSettings : CommandSettings
{
    [CommandOption("--logsource-map <FILE>")]
    [Description("A log source map (sigmac/THOR layout, e.g. SigmaHQ tests/thor.yml). Replaces the built-in map unless --extend-map.")]
    public string? LogSourceMap { get; init; }

    [CommandOption("--extend-map")]
    [Description("Add the --logsource-map entries to the built-in map instead of replacing it.")]
    public bool ExtendMap { get; init; }

    [CommandOption("--placeholders <FILE>")]
    [Description("YAML file of expand placeholder values: name: [[value, ...]].")]
    public string? Placeholders { get; init; }
}
