using System.Reflection;
using Harrier.Cli;
using Harrier.Cli.Commands.Evtx;
using Harrier.Cli.Commands.Hunting;
using Spectre.Console.Cli;

StartupProfile.Start(args);
if (SettingsFastPath.TryParse<DumpSettings>(args, "dump") is { } dump) return DumpCommand.Run(dump);
if (SettingsFastPath.TryParse<HuntSettings>(args, "hunt") is { } hunt) return HuntCommand.Run(hunt);
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("harrier");
    config.SetApplicationVersion(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
    config.PropagateExceptions();
    CommandRegistry.Register(config);
});
try
{
    return await app.RunAsync(args);
}
catch (CommandParseException e)
{
    Console.Error.WriteLine($"harrier: {e.Message}");
    return 2;
}
catch (CommandRuntimeException e)
{
    Console.Error.WriteLine($"harrier: {e.Message}");
    return 2;
}
