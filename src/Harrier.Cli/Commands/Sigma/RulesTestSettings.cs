using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Sigma;

public sealed class RulesTestSettings : RulesCommonSettings
{
    [CommandArgument(0, "<RULE_OR_DIR>")]
    [Description("A rule file or a directory of rules.")]
    public string Rules { get; init; } = "";

    [CommandArgument(1, "<EVENTS>")]
    [Description("Event files (.evtx, or evtx_dump JSON or JSON Lines: .json, .jsonl, optionally .gz) or directories of .evtx files.")]
    public string[] Events { get; init; } = [];
}
