using System.Diagnostics;
using Harrier.Sigma;
using Harrier.Sigma.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Sigma;

/// <summary><c>harrier rules lint</c>: load + compile, list unusable rules, count the usable ones.</summary>
public sealed class RulesLintCommand : AsyncCommand<RulesLintSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, RulesLintSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Paths.Length == 0)
        {
            Console.Error.WriteLine("harrier: give at least one rule file or directory");
            return Task.FromResult(2);
        }
        if (SigmaSetup.Prepare(settings) is not var (map, options)) return Task.FromResult(2);
        var clock = Stopwatch.StartNew();
        var set = SigmaRuleSet.Load(settings.Paths);
        var loaded = clock.Elapsed;
        var compiled = SigmaCompiler.Compile(set, map, options);
        var compiledIn = clock.Elapsed - loaded;
        var console = AnsiConsole.Console;
        // plain lines (not wrapped to the terminal width), so they stay grep-able as file:line: …
        foreach (var d in compiled.Diagnostics) Console.WriteLine(d.ToString());
        foreach (var u in compiled.Unused.Where(u => u.Kind != Harrier.Sigma.Matching.UnusedReason.Invalid)) Console.WriteLine(u.ToString());
        var errors = set.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Console.WriteLine($"{set.FileCount} files, {set.Documents.Count} documents: {compiled.Rules.Count} rules and {compiled.Correlations.Count} correlations usable, " +
            $"{set.Filters.Count()} filters, {compiled.Unused.Count} unusable, {errors} load errors " +
            $"(loaded in {loaded.TotalMilliseconds:F0} ms, compiled in {compiledIn.TotalMilliseconds:F0} ms; log source map {map.Source})");
        Counts(console, "status", compiled.Rules.Select(r => r.Info.Status ?? "(none)"));
        Counts(console, "level", compiled.Rules.Select(r => r.Info.Level ?? "(none)"));
        Counts(console, "logsource", compiled.Rules.Select(r => r.Rule.LogSource.ToString()));
        var unusable = errors + compiled.Unused.Count;
        // a PATH that does not exist is unreadable input (listed above with the other load errors), whatever --strict says
        if (settings.Paths.Any(p => !File.Exists(p) && !Directory.Exists(p))) return Task.FromResult(2);
        return Task.FromResult(settings.Strict && unusable > 0 ? 1 : 0);
    }

    static void Counts(IAnsiConsole console, string title, IEnumerable<string> keys)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn(title).AddColumn(new TableColumn("rules").RightAligned());
        foreach (var g in keys.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(g.Key), g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
