using System.Reflection;
using Harrier.Cli.Commands.Evtx;
using Spectre.Console.Cli;

namespace Harrier.Cli.Tests.Evtx;

/// <summary>
/// <c>dump</c> command lines skip Spectre's command model when they can (start-up time); they must mean exactly
/// what Spectre would make of them, and anything the fast parser does not fully understand must go to Spectre.
/// </summary>
public class DumpFastPathTests
{
    public static TheoryData<string[]> Accepted => new()
    {
        new[] { "dump", "a.evtx" },
        new[] { "dump", "a.evtx", "b dir", "c.evtx" },
        new[] { "dump", "-q", "--format", "xml", "a.evtx" },
        new[] { "dump", "a.evtx", "-f", "json", "-t", "2", "--carve", "-o", "out.json" },
        new[] { "dump", "--threads", "16", "--output", "x", "--quiet", "a.evtx", "b.evtx" },
        new[] { "dump", "-f", "jsonl", "a.evtx", "--carve" },
    };

    public static TheoryData<string[]> Refused => new()
    {
        new[] { "dump" },
        new[] { "dump", "--help" },
        new[] { "dump", "-h" },
        new[] { "dump", "a.evtx", "--format", "yaml" },
        new[] { "dump", "a.evtx", "--format=xml" },
        new[] { "dump", "a.evtx", "--threads", "0" },
        new[] { "dump", "a.evtx", "--threads", "many" },
        new[] { "dump", "a.evtx", "-o" },
        new[] { "dump", "a.evtx", "-q", "-q" },
        new[] { "dump", "a.evtx", "--bogus" },
        new[] { "dump", "-qt", "2", "a.evtx" },
        new[] { "dump", "--", "a.evtx" },
        new[] { "info", "a.evtx" },
        new[] { "hunt", "a.evtx" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_command_lines_parse_as_spectre_parses_them(string[] args)
    {
        var fast = DumpFastPath.TryParse(args);
        Assert.NotNull(fast);
        var spectre = ParseWithSpectre(args);
        Assert.Equal(spectre.Paths, fast.Paths);
        Assert.Equal(spectre.Format, fast.Format);
        Assert.Equal(spectre.Threads, fast.Threads);
        Assert.Equal(spectre.Carve, fast.Carve);
        Assert.Equal(spectre.Output, fast.Output);
        Assert.Equal(spectre.Quiet, fast.Quiet);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_left_to_spectre(string[] args) => Assert.Null(DumpFastPath.TryParse(args));

    [Fact]
    public void Every_dump_option_is_known_to_the_fast_parser()
    {
        var declared = typeof(DumpSettings).GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.ShortNames.Select(n => "-" + n).Concat(o.LongNames.Select(n => "--" + n)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(declared, DumpFastPath.Options.Order(StringComparer.Ordinal));
    }

    static DumpSettings ParseWithSpectre(string[] args)
    {
        DumpSettings? seen = null;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.PropagateExceptions();
            CommandRegistry.Register(config);
            config.SetInterceptor(new Capture(s => seen = s as DumpSettings));
        });
        Assert.Throws<Stop>(() => app.Run(args));
        return seen ?? throw new InvalidOperationException("Spectre did not produce dump settings");
    }

    sealed class Stop : Exception;

    sealed class Capture(Action<CommandSettings> onSettings) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings)
        {
            onSettings(settings);
            throw new Stop(); // parsed: do not run the dump
        }
    }
}
