using Harrier.Hunting.Alerts;
using Harrier.Hunting.Rules;
using Harrier.Hunting.Scanning;
using Harrier.Output.Alerts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Hunting;

/// <summary><c>harrier hunt</c>: settings → <see cref="HuntOptions"/> → <see cref="HuntScanner"/> → writers and summary.</summary>
public sealed class HuntCommand : Command<HuntSettings>
{
    public override int Execute(CommandContext context, HuntSettings s, CancellationToken cancellationToken) => Run(s);

    /// <summary>The command itself; also called by <see cref="SettingsFastPath"/> without Spectre.</summary>
    public static int Run(HuntSettings s)
    {
        HuntSettings.TryFindZone(s.TimeZone, out var zone);
        var time = new AlertTimeFormat(zone);
        IReadOnlyDictionary<string, IReadOnlyList<string>>? placeholders = null;
        if (s.Placeholders is not null)
        {
            try
            {
                placeholders = PlaceholderFile.Load(s.Placeholders);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
            {
                Console.Error.WriteLine($"harrier: --placeholders: {e.Message}");
                return 2;
            }
        }
        if (!ExposureInput.TryLoad(s.Exposure, out var exposure)) return 2;
        var options = BuildOptions(s, placeholders);

        HuntResult result;
        try
        {
            result = HuntProgress.Run(options, interactive: !s.Quiet && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"harrier: {e.Message}");
            return 2;
        }

        ScanSummary summary;
        using (result)
        {
            AlertCsvWriter? csv = null;
            AlertJsonlWriter? jsonl = null;
            Investigation.HuntCase? caseFile = null;
            try
            {
                csv = s.Csv is null ? null : AlertCsvWriter.Create(s.Csv, time, exposure: exposure is not null);
                jsonl = s.Jsonl is null ? null : AlertJsonlWriter.Create(s.Jsonl, time);
                caseFile = Investigation.HuntCase.Open(s.Db, s.Html, exposure);
                Action<Alert>? sink = csv is null && jsonl is null && caseFile is null ? null : a =>
                {
                    csv?.Write(a);
                    jsonl?.Write(a);
                    caseFile?.Add(a);
                };
                summary = result.Emit(sink, exposure is null ? null : exposure.Linker.Annotate);
                jsonl?.WriteSummary(summary);
                caseFile?.Finish(s.Paths, summary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"harrier: cannot write output: {e.Message}");
                return 2;
            }
            finally
            {
                csv?.Dispose();
                jsonl?.Dispose();
                caseFile?.Dispose();
            }
        }

        if (s.Timings) PrintTimings(summary);
        foreach (var p in summary.RuleProblems) Console.Error.WriteLine($"harrier: rule {p.Source}: {p.Message}");
        foreach (var f in summary.Files.Where(f => f.IsUnreadable)) Console.Error.WriteLine($"harrier: {f.File}: unreadable: {f.Unreadable}");
        if (!s.Quiet) HuntSummaryView.Render(summary, time, s.ShowProblems, exposure?.Linker.Findings.Count);

        if (s.FailOn is not null && AlertLevels.TryParse(s.FailOn, out var failOn)
            && Enum.GetValues<AlertLevel>().Where(l => l >= failOn).Any(l => summary.Alerts.Count(l) > 0))
            return 1;
        return summary.UnreadableFiles > 0 ? 2 : 0;
    }

    static void PrintTimings(ScanSummary summary)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - self.StartTime;
        var parts = new List<string> { $"start-up {(sinceStart - summary.Elapsed).TotalMilliseconds:F0} ms" };
        foreach (var p in summary.Phases) parts.Add($"{p.Phase} {p.Elapsed.TotalMilliseconds:F0} ms ({p.AllocatedBytes >> 20} MiB, {p.Collections} GC, {p.FullCollections} full)");
        Console.Error.WriteLine("harrier: timings: " + string.Join(", ", parts) + $"; total {sinceStart.TotalMilliseconds:F0} ms"
            + $"; garbage collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2) pausing {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, {GC.GetTotalAllocatedBytes() >> 20} MiB allocated, peak RSS {self.PeakWorkingSet64 >> 20} MiB; {summary.SpilledRuns} sorted runs spilled to disk");
    }

    internal static HuntOptions BuildOptions(HuntSettings s, IReadOnlyDictionary<string, IReadOnlyList<string>>? placeholders)
    {
        AlertLevels.TryParse(s.MinLevel, out var minLevel);
        // the terminal summary reads a few fields of each alert's event and no details, the CSV the details too, the other outputs everything
        var wholeAlerts = s.Jsonl is not null || s.Db is not null || s.Html is not null || s.Exposure.Length > 0;
        return new HuntOptions
        {
            Inputs = s.Paths,
            SigmaPaths = s.Sigma,
            Placeholders = placeholders ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase),
            Selection = new RuleSelection
            {
                MinLevel = minLevel,
                Statuses = [.. s.Status.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Tags = [.. s.Tag.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                ExcludedIds = s.ExcludeRule,
                IncludeDeprecated = s.IncludeDeprecated,
            },
            From = s.From is null ? null : HuntSettings.TryParseTime(s.From, out var f) ? f : null,
            To = s.To is null ? null : HuntSettings.TryParseTime(s.To, out var t) ? t : null,
            Threads = s.Threads ?? Math.Max(1, Environment.ProcessorCount),
            RuleCacheDirectory = s.NoCache ? null : Harrier.Sigma.Loading.SigmaLoadOptions.DefaultCacheDirectory,
            KeepEventFields = wholeAlerts,
            RenderDetails = wholeAlerts || s.Csv is not null,
        };
    }
}
