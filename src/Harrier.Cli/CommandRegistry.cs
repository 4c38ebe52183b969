using Spectre.Console.Cli;

namespace Harrier.Cli;

/// <summary>
/// Registers every command. Each area adds its commands in its own file
/// (CommandRegistry.Evtx.cs, CommandRegistry.Sigma.cs, …) by implementing one partial method.
/// </summary>
static partial class CommandRegistry
{
    public static void Register(IConfigurator config)
    {
        AddEvtxCommands(config);
        AddSigmaCommands(config);
        AddHuntingCommands(config);
        AddInvestigationCommands(config);
        AddExposureCommands(config);
    }

    static partial void AddEvtxCommands(IConfigurator config);
    static partial void AddSigmaCommands(IConfigurator config);
    static partial void AddHuntingCommands(IConfigurator config);
    static partial void AddInvestigationCommands(IConfigurator config);
    static partial void AddExposureCommands(IConfigurator config);
}
