using System.ComponentModel;
using System.Globalization;
using Harrier.Hunting.Alerts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Hunting;

public sealed class HuntSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Files, directories (searched recursively) and .zip packages: .evtx and evtx_dump JSON/JSONL (.gz accepted).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--sigma <DIR|FILE>")]
    [Description("Also run these Sigma rules (repeatable). The built-in access rules always run.")]
    public string[] Sigma { get; init; } = [];

    [CommandOption("--placeholders <FILE>")]
    [Description("YAML file of values for |expand placeholders: name: [[value, ...]].")]
    public string? Placeholders { get; init; }

    [CommandOption("--min-level <LEVEL>")]
    [Description("Report only alerts of this level or higher: informational, low, medium, high, critical.")]
    [DefaultValue("informational")]
    public string MinLevel { get; init; } = "informational";

    [CommandOption("--status <STATUS>")]
    [Description("Report only rules with these statuses (repeatable or comma-separated): stable, test, experimental.")]
    public string[] Status { get; init; } = [];

    [CommandOption("--tag <TAG>")]
    [Description("Report only rules with one of these tags (repeatable; a trailing * matches a prefix, e.g. attack.t1110*).")]
    public string[] Tag { get; init; } = [];

    [CommandOption("--exclude-rule <ID>")]
    [Description("Never report this rule id or name (repeatable).")]
    public string[] ExcludeRule { get; init; } = [];

    [CommandOption("--include-deprecated")]
    [Description("Also report rules with status deprecated or unsupported.")]
    public bool IncludeDeprecated { get; init; }

    [CommandOption("--from <TIME>")]
    [Description("Only events at or after this ISO 8601 time, which must carry an offset (2024-05-01T00:00:00+02:00 or ...Z).")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("Only events at or before this ISO 8601 time, which must carry an offset.")]
    public string? To { get; init; }

    [CommandOption("--timezone <IANA>")]
    [Description("Write times in this IANA time zone (e.g. Europe/Berlin). Default UTC.")]
    [DefaultValue("UTC")]
    public string TimeZone { get; init; } = "UTC";

    [CommandOption("--no-cache")]
    [Description("Parse and compile every rule (built-in pack and --sigma files) instead of reusing the rule caches ($XDG_CACHE_HOME/harrier or ~/.cache/harrier), and leave the caches alone.")]
    public bool NoCache { get; init; }

    [CommandOption("--timings")]
    [Description("After the scan, print to stderr the time of each phase (start-up, loading and compiling rules, scanning, correlating, emitting) with the memory allocated and the garbage collections in it, then the totals, peak RSS and sorted runs spilled to disk.")]
    public bool Timings { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Worker threads (default: all cores). 1 scans on one thread.")]
    public int? Threads { get; init; }

    [CommandOption("--csv <FILE>")]
    [Description("Write alerts as CSV (Timeline Explorer columns, formula injection neutralised).")]
    public string? Csv { get; init; }

    [CommandOption("--jsonl <FILE>")]
    [Description("Write alerts as JSON lines (Timesketch/Elastic) with a reconciliation footer line.")]
    public string? Jsonl { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write the self-contained HTML report (alerts, sessions, access graph, unreadable records) to FILE.")]
    public string? Html { get; init; }

    [CommandOption("--db <FILE>")]
    [Description("Also write a DuckDB case file (events, alerts, sessions, graph; replaces FILE). Query it with 'harrier query'.")]
    public string? Db { get; init; }

    [CommandOption("--exposure <FILE>")]
    [Description("Findings of 'harrier audit ad|rdp --json' (repeatable): alerts naming an exposed account or host are annotated, and raised one level (at most to critical) when the finding is medium or worse.")]
    public string[] Exposure { get; init; } = [];

    [CommandOption("--show-problems")]
    [Description("List every unreadable record and file in the terminal summary (per file).")]
    public bool ShowProblems { get; init; }

    [CommandOption("--fail-on <LEVEL>")]
    [Description("Exit with code 1 when an alert of this level or higher was raised (for CI).")]
    public string? FailOn { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("No progress bar and no summary; only errors.")]
    public bool Quiet { get; init; }

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("give at least one PATH");
        if (!AlertLevels.TryParse(MinLevel, out _)) return ValidationResult.Error($"--min-level: unknown level '{MinLevel}'");
        if (FailOn is not null && !AlertLevels.TryParse(FailOn, out _)) return ValidationResult.Error($"--fail-on: unknown level '{FailOn}'");
        if (From is not null && !TryParseTime(From, out _)) return ValidationResult.Error($"--from: '{From}' is not an ISO 8601 time with an offset");
        if (To is not null && !TryParseTime(To, out _)) return ValidationResult.Error($"--to: '{To}' is not an ISO 8601 time with an offset");
        if (Threads is < 1 or > 256) return ValidationResult.Error("--threads must be 1..256");
        if (!TryFindZone(TimeZone, out _)) return ValidationResult.Error($"--timezone: unknown IANA time zone '{TimeZone}'");
        return ValidationResult.Success();
    }

    /// <summary>ISO 8601 with an explicit offset or Z; a time without one is ambiguous and refused.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        var t = text.Trim();
        var hasOffset = t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
