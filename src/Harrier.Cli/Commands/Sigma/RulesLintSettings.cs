using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Sigma;

public sealed class RulesLintSettings : RulesCommonSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Rule files or directories (searched recursively for *.yml, *.yaml).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--strict")]
    [Description("Exit with 1 when any rule cannot be used (load error, invalid, not applicable, unresolved placeholder).")]
    public bool Strict { get; init; }
}
