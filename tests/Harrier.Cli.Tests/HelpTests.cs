using System.Reflection;
using System.Text.RegularExpressions;
using Harrier.Cli.Tests.Hunting;
using Spectre.Console.Cli;

namespace Harrier.Cli.Tests;

/// <summary>
/// <c>--help</c> is part of the interface: every command, found by walking the real help output from the
/// root, must print its help without failing (Spectre renders descriptions as markup, so one stray
/// bracket used to abort <c>hunt --help</c>), and every option declared on a settings class must appear.
/// </summary>
public partial class HelpTests
{
    [GeneratedRegex(@"^ {4}(?<name>[a-z][a-z-]*)(?: <[^>]+>)*\s{2,}")]
    private static partial Regex CommandLine();

    static List<(string Command, HarrierProcess.Result Result)> WalkHelp()
    {
        var seen = new List<(string, HarrierProcess.Result)>();
        var queue = new Queue<string[]>([[]]);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            var result = HarrierProcess.Run([.. path, "--help"]);
            seen.Add((string.Join(' ', path), result));
            var inCommands = false;
            foreach (var line in result.Stdout.Split('\n'))
            {
                if (line.StartsWith("COMMANDS:", StringComparison.Ordinal)) { inCommands = true; continue; }
                if (!inCommands) continue;
                if (line.Length > 0 && !line.StartsWith(' ')) break;
                var m = CommandLine().Match(line);
                if (m.Success) queue.Enqueue([.. path, m.Groups["name"].Value]);
            }
        }
        return seen;
    }

    [Fact]
    public void Every_command_prints_its_help_and_every_option_is_listed()
    {
        var helps = WalkHelp();
        foreach (var (command, result) in helps)
        {
            Assert.True(result.ExitCode == 0, $"'harrier {command} --help' exited {result.ExitCode}: {result.Stderr}");
            Assert.Contains("USAGE:", result.Stdout);
        }
        var names = helps.Select(h => h.Command).ToHashSet();
        foreach (var expected in new[] { "hunt", "dump", "info", "rules lint", "rules test", "logons", "graph", "query", "report", "audit ad", "audit rdp" })
            Assert.Contains(expected, names);

        var allHelp = string.Join('\n', helps.Select(h => h.Result.Stdout));
        var options = Assembly.Load("harrier").GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames)
            .Distinct()
            .ToList();
        Assert.NotEmpty(options);
        foreach (var option in options)
            Assert.Contains("--" + option, allHelp);
    }

    [Fact]
    public void Version_names_the_release_and_the_build()
    {
        var result = HarrierProcess.Run("--version");
        Assert.Equal(0, result.ExitCode);
        var expected = Assembly.Load("harrier").GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith("0.1.0", expected);
        Assert.Equal(expected, result.Stdout.Trim());
    }
}
