using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

public sealed class AuditAdCommand : AsyncCommand<AuditAdSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AuditAdSettings settings, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("harrier: audit ad is not implemented yet");
        return Task.FromResult(2);
    }
}

public sealed class AuditAdSettings : AuditOutputSettings;
