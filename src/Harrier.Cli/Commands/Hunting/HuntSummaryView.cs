using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Output.Alerts;
using Spectre.Console;

namespace Harrier.Cli.Commands.Hunting;

/// <summary>The terminal summary after a hunt: inputs, reconciliation, alerts by level, top rules/hosts/accounts.</summary>
static class HuntSummaryView
{
    /// <param name="exposureFindings">With <c>--exposure</c>: how many findings were linked against (null without).</param>
    public static void Render(ScanSummary s, AlertTimeFormat time, bool showProblems, int? exposureFindings = null)
    {
        var console = AnsiConsole.Console;
        var rate = s.Elapsed.TotalSeconds > 0 ? s.Rendered / s.Elapsed.TotalSeconds : 0;
        console.MarkupLine($"[bold]Scanned[/] {s.Files.Count} files ({s.Bytes / 1048576.0:F1} MB): {s.RecordsRead:N0} records read, "
            + $"{s.Rendered:N0} rendered, {s.Failed:N0} failed, {s.Carved:N0} carved; {s.UnreadableFiles} unreadable files; "
            + $"{s.RulesLoaded} rules; {s.Elapsed.TotalSeconds:F1} s ({rate:N0} events/s)");
        var outside = s.Files.Sum(f => f.OutsideTimeRange);
        if (outside > 0) console.MarkupLine($"{outside:N0} records outside --from/--to were not scanned.");

        var levels = new Table().Border(TableBorder.Rounded).Title("Alerts by level");
        levels.AddColumn("Level").AddColumn(new TableColumn("Alerts").RightAligned());
        foreach (var level in Enum.GetValues<AlertLevel>().Reverse())
            levels.AddRow(Markup.Escape(level.ToSigma()), s.Alerts.Count(level).ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        levels.AddRow("[bold]total[/]", $"[bold]{s.Alerts.Total:N0}[/]");
        console.Write(levels);
        if (exposureFindings is { } findings)
            console.MarkupLine($"Exposure: {s.Alerts.WithExposure:N0} alerts involve an account or host named in {findings:N0} exposure findings; "
                + $"{s.Alerts.Raised:N0} were raised one level.");

        if (s.Alerts.Total > 0)
        {
            console.MarkupLine($"First alert {Markup.Escape(time.Format(s.Alerts.FirstTime))}, last alert {Markup.Escape(time.Format(s.Alerts.LastTime))}");
            var rules = new Table().Border(TableBorder.Rounded).Title("Top rules");
            rules.AddColumn("Rule").AddColumn("Level").AddColumn(new TableColumn("Alerts").RightAligned());
            foreach (var r in s.Alerts.TopRules) rules.AddRow(Markup.Escape(r.Title), r.Level.ToSigma(), r.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            console.Write(rules);
            var names = new Table().Border(TableBorder.Rounded).Title("Top hosts and accounts");
            names.AddColumn("Host").AddColumn(new TableColumn("Alerts").RightAligned()).AddColumn("Account").AddColumn(new TableColumn("Alerts").RightAligned());
            for (var i = 0; i < Math.Max(s.Alerts.TopHosts.Count, s.Alerts.TopAccounts.Count); i++)
            {
                var h = i < s.Alerts.TopHosts.Count ? s.Alerts.TopHosts[i] : null;
                var a = i < s.Alerts.TopAccounts.Count ? s.Alerts.TopAccounts[i] : null;
                names.AddRow(Markup.Escape(h?.Name ?? ""), h?.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(a?.Name ?? ""), a?.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            console.Write(names);
        }

        var troubled = s.Files.Where(f => f.Failed > 0 || f.IsUnreadable).ToArray();
        if (troubled.Length == 0) return;
        if (!showProblems)
        {
            console.MarkupLine($"{troubled.Length} files had unreadable records or could not be read; --show-problems lists them.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("Unreadable records per file");
        table.AddColumn("File").AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Failed").RightAligned()).AddColumn("Problems");
        foreach (var f in troubled)
        {
            var problems = f.Unreadable ?? string.Join("\n", f.Problems.Select(p => $"{p.Location}: {p.Message}"));
            table.AddRow(Markup.Escape(f.File), f.RecordsRead.ToString(System.Globalization.CultureInfo.InvariantCulture),
                f.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(problems));
        }
        console.Write(table);
    }
}
