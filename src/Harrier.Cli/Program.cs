using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Harrier.Cli;
using Harrier.Cli.Commands.Evtx;
using Harrier.Cli.Commands.Hunting;
using Spectre.Console.Cli;

StartupProfile.Start(args);
if (SettingsFastPath.TryParse<DumpSettings>(args, "dump") is { } dump) return DumpCommand.Run(dump);
if (SettingsFastPath.TryParse<HuntSettings>(args, "hunt") is { } hunt) return HuntCommand.Run(hunt);
var app = CreateApp();
app.Configure(config =>
{
    config.SetApplicationName("harrier");
    config.SetApplicationVersion(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
    config.PropagateExceptions();
    config.UseStrictParsing(); // an unknown or misspelt option is an error, not silently ignored
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

// Spectre.Console.Cli binds commands and settings by reflection. The native build keeps every type of this assembly
// and of Spectre.Console.Cli whole (Harrier.Cli.csproj: partial trimming), and no command needs code generated at run
// time; the CLI tests run against the native binary too (.ci/run).
[UnconditionalSuppressMessage("AOT", "IL3050", Justification = "see above: assemblies kept whole, CLI tests run on the native build")]
static CommandApp CreateApp() => new();
