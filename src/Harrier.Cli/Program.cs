using Harrier.Cli;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("harrier");
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
