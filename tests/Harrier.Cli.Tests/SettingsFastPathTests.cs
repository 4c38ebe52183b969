using System.Collections;
using System.Reflection;
using Harrier.Cli.Commands.Evtx;
using Harrier.Cli.Commands.Hunting;
using Spectre.Console.Cli;

namespace Harrier.Cli.Tests;

/// <summary>
/// <c>dump</c> and <c>hunt</c> command lines skip Spectre's command model when they can (start-up time); they must
/// mean exactly what Spectre would make of them, and anything the fast parser does not fully understand must go to
/// Spectre.
/// </summary>
public class SettingsFastPathTests
{
    public static TheoryData<string[]> Accepted => new()
    {
        new[] { "dump", "a.evtx" },
        new[] { "dump", "a.evtx", "b dir", "c.evtx" },
        new[] { "dump", "-q", "--format", "xml", "a.evtx" },
        new[] { "dump", "a.evtx", "-f", "json", "-t", "2", "--carve", "-o", "out.json" },
        new[] { "dump", "--threads", "16", "--output", "x", "--quiet", "a.evtx", "b.evtx" },
        new[] { "dump", "-f", "jsonl", "a.evtx", "--carve" },
        new[] { "hunt", "logs" },
        new[] { "hunt", "logs", "more logs", "-q", "--threads", "2", "--timings" },
        new[] { "hunt", "--sigma", "rules/a", "logs", "--sigma", "rules/b", "--csv", "x.csv", "--jsonl", "x.jsonl" },
        new[] { "hunt", "logs", "--min-level", "high", "--status", "stable,test", "--tag", "attack.t1021", "--exclude-rule", "r1", "--exclude-rule", "r2" },
        new[] { "hunt", "logs", "--from", "2024-05-01T00:00:00+00:00", "--to", "2024-05-02T00:00:00Z", "--timezone", "Asia/Tokyo", "--fail-on", "high" },
        new[] { "hunt", "--include-deprecated", "--no-cache", "--show-problems", "logs", "--db", "case.duckdb", "--html", "r.html", "--exposure", "e.json", "--placeholders", "p.yml" },
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
        new[] { "hunt" },
        new[] { "hunt", "--help" },
        new[] { "hunt", "-q" },
        new[] { "hunt", "logs", "--min-level", "severe" },
        new[] { "hunt", "logs", "--from", "2024-05-01T00:00:00" },
        new[] { "hunt", "logs", "--timezone", "Mars/Olympus" },
        new[] { "hunt", "logs", "--threads", "-1" },
        new[] { "hunt", "logs", "--csv", "a.csv", "--csv", "b.csv" },
        new[] { "hunt", "logs", "--quiet", "true" },
        new[] { "hunt", "logs", "--sigma" },
        new[] { "hunt", "logs", "--sigma=rules" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_command_lines_parse_as_spectre_parses_them(string[] args)
    {
        CommandSettings? fast = args[0] == "dump" ? SettingsFastPath.TryParse<DumpSettings>(args, "dump") : SettingsFastPath.TryParse<HuntSettings>(args, "hunt");
        Assert.NotNull(fast);
        var spectre = ParseWithSpectre(args);
        Assert.Equal(spectre.GetType(), fast.GetType());
        foreach (var p in fast.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var (a, b) = (p.GetValue(spectre), p.GetValue(fast));
            if (a is IEnumerable ea and not string && b is IEnumerable eb) Assert.Equal(ea.Cast<object>(), eb.Cast<object>());
            else Assert.True(Equals(a, b), $"{p.Name}: Spectre {a}, fast path {b}");
        }
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_left_to_spectre(string[] args)
    {
        Assert.Null(SettingsFastPath.TryParse<DumpSettings>(args, "dump"));
        Assert.Null(SettingsFastPath.TryParse<HuntSettings>(args, "hunt"));
    }

    [Fact]
    public void The_accepted_lines_cover_every_option()
    {
        foreach (var (type, command) in new[] { (typeof(DumpSettings), "dump"), (typeof(HuntSettings), "hunt") })
        {
            var used = ((IEnumerable<object[]>)Accepted).Select(row => row is [string[] whole] ? whole : row.Cast<string>().ToArray()).Where(a => a[0] == command).SelectMany(a => a).ToHashSet();
            foreach (var o in type.GetProperties().Select(p => p.GetCustomAttribute<CommandOptionAttribute>()).OfType<CommandOptionAttribute>())
                Assert.True(o.LongNames.Any(n => used.Contains("--" + n)) || o.ShortNames.Any(n => used.Contains("-" + n)), $"{command}: no accepted line uses --{o.LongNames[0]}");
        }
    }

    static CommandSettings ParseWithSpectre(string[] args)
    {
        CommandSettings? seen = null;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.PropagateExceptions();
            CommandRegistry.Register(config);
            config.SetInterceptor(new Capture(s => seen = s));
        });
        Assert.Throws<Stop>(() => app.Run(args));
        return seen ?? throw new InvalidOperationException("Spectre did not produce settings");
    }

    sealed class Stop : Exception;

    sealed class Capture(Action<CommandSettings> onSettings) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings)
        {
            onSettings(settings);
            throw new Stop(); // parsed: do not run the command
        }
    }
}
