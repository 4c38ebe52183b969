using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

public sealed class AuditRdpSettings : AuditOutputSettings
{
    [CommandArgument(0, "[TARGET]")]
    [Description("HOST, HOST:PORT, [[IPv6]]:PORT or a CIDR block (needs --max-hosts). Probe only hosts you are allowed to.")]
    public string[] Targets { get; init; } = [];

    [CommandOption("--targets <FILE>")]
    [Description("Read more targets from FILE, one per line (# comments allowed).")]
    public string? TargetsFile { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("The port for targets given without one.")]
    [DefaultValue(3389)]
    public int Port { get; init; } = 3389;

    [CommandOption("--timeout <SECONDS>")]
    [Description("The limit for each network step (connect, each reply, the TLS handshake).")]
    [DefaultValue(5.0)]
    public double Timeout { get; init; } = 5;

    [CommandOption("--concurrency <N>")]
    [Description("How many targets to probe at once.")]
    [DefaultValue(8)]
    public int Concurrency { get; init; } = 8;

    [CommandOption("--max-hosts <N>")]
    [Description("The cap on hosts that CIDR targets may expand to, in all (CIDR targets are refused without it).")]
    [DefaultValue(0)]
    public int MaxHosts { get; init; }

    public override ValidationResult Validate()
    {
        if (Targets.Length == 0 && TargetsFile is null) return ValidationResult.Error("give at least one TARGET or --targets FILE");
        if (Port is < 1 or > 65535) return ValidationResult.Error("--port must be 1..65535");
        if (Timeout is <= 0 or > 600) return ValidationResult.Error("--timeout must be more than 0 and at most 600 seconds");
        if (Concurrency is < 1 or > 1024) return ValidationResult.Error("--concurrency must be 1..1024");
        if (MaxHosts < 0) return ValidationResult.Error("--max-hosts must not be negative");
        return ValidationResult.Success();
    }
}
