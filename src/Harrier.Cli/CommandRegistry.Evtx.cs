using Harrier.Cli.Commands.Evtx;
using Spectre.Console.Cli;

namespace Harrier.Cli;

static partial class CommandRegistry
{
    static partial void AddEvtxCommands(IConfigurator config)
    {
        config.AddCommand<DumpCommand>("dump")
            .WithDescription("Print the records of EVTX files as JSONL (evtx_dump layout), a JSON array, or Windows-style XML.")
            .WithExample("dump", "Security.evtx", "--format", "jsonl");
    }
}
