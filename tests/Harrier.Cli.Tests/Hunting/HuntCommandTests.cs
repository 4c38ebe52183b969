using System.IO.Compression;
using System.Text.Json;
using Harrier.Testing;

namespace Harrier.Cli.Tests.Hunting;

/// <summary>
/// <c>harrier hunt</c> end to end on real corpus samples. Expected alerts were written from the samples' own
/// records (record ids and times read from the peer renderings in ../shared/reference).
/// </summary>
public class HuntCommandTests(HuntCorpusFixture fx) : IClassFixture<HuntCorpusFixture>
{
    static string Name(string sample) => Path.GetFileName(sample);

    string[][] Rows => [.. StrictCsv.Parse(fx.Run.Csv).Skip(1)];

    string[]? Row(string title, string file, string recordId) =>
        Rows.SingleOrDefault(r => r[5] == title && r[10].EndsWith(file, StringComparison.Ordinal) && r[7] == recordId);

    [Fact]
    public void Exits_zero_and_prints_a_summary()
    {
        Assert.True(fx.Run.Process.ExitCode == 0, fx.Run.Process.Stderr);
        Assert.Contains("Scanned 7 files", fx.Run.Process.Stdout);
        Assert.Contains("Alerts by level", fx.Run.Process.Stdout);
    }

    [Fact]
    public void Single_event_rules_fire_on_the_records_that_show_the_attack()
    {
        // Eventlog 1102, record 452811, 2019-03-19T23:35:07.524202Z on PC01.example.corp.
        var cleared = Row("Security log cleared", "DE_1102_security_log_cleared.evtx", "452811");
        Assert.NotNull(cleared);
        Assert.StartsWith("2019-03-19T23:35:07.524202", cleared[0], StringComparison.Ordinal); // evtx_dump shows microseconds
        Assert.EndsWith("+00:00", cleared[0], StringComparison.Ordinal);
        Assert.Equal("PC01.example.corp", cleared[1]);
        Assert.Equal("1102", cleared[3]);
        Assert.Equal("high", cleared[4]);
        // 4697 rdphijack2 (record 284384) and 4688 tscon.exe (record 284392; 284391 is its cmd.exe parent).
        Assert.NotNull(Row("Service installed to run tscon (RDP session hijacking)", "T1563.002_RDP-Hijacking_Security.evtx", "284384"));
        var tscon = Row("RDP session hijacking with tscon", "T1563.002_RDP-Hijacking_Security.evtx", "284392");
        Assert.NotNull(tscon);
        Assert.Contains("Cmd: tscon  2 /dest rdp-tcp#14", tscon[6]);
        Assert.Null(Row("RDP session hijacking with tscon", "T1563.002_RDP-Hijacking_Security.evtx", "284391"));
        // Three 4662 with replication rights by Administrator: records 202791-202793.
        foreach (var id in new[] { "202791", "202792", "202793" })
            Assert.NotNull(Row("DCSync - directory replication by a non-computer account", "CA_DCSync_4662.evtx", id));
        // 4769 for sql101 with RC4 (record 38681).
        var roast = Row("Kerberoasting - RC4 service ticket requested", "T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx", "38681");
        Assert.NotNull(roast);
        Assert.Contains("Enc: RC4 (0x17)", roast[6]);
    }

    [Fact]
    public void Correlations_find_guessing_and_spraying()
    {
        // 3,560 failures for Administrator (3,558 wrong password + 2 disabled) from 16:50:06 to 16:52:49: one burst alert.
        var guessing = Rows.Where(r => r[5] == "Password guessing against one account").ToArray();
        var g = Assert.Single(guessing);
        Assert.Contains("TargetUserName: Administrator | Events: 3560", g[6]);
        Assert.EndsWith("smb-password-guessing-security.evtx", g[10]);
        // 294 4648 by jwrig for 41 accounts in five minutes.
        var spray = Assert.Single(Rows, r => r[5] == "Password spraying with explicit credentials");
        Assert.Contains("SubjectUserName: jwrig", spray[6]);
        // Kerberos spray from 172.16.66.1: 2 x 4771 + 7 failed 4768 for 9 accounts.
        var kspray = Assert.Single(Rows, r => r[5] == "Password spraying from one source address");
        Assert.Contains("IpAddress: 172.16.66.1", kspray[6]);
        var json = fx.Run.Jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("correlation", out _)).ToArray();
        Assert.Contains(json, e => e.GetProperty("correlation").GetProperty("type").GetString() == "event_count"
            && e.GetProperty("correlation").GetProperty("event_count").GetInt32() == 3560);
    }

    [Fact]
    public void Csv_is_rfc4180_sorted_by_time_and_jsonl_lines_parse_with_a_footer()
    {
        var rows = StrictCsv.Parse(fx.Run.Csv);
        Assert.Equal(["Timestamp", "Computer", "Channel", "EventID", "Level", "RuleTitle", "Details", "RecordID", "RuleID", "Tags", "File"], rows[0]);
        var times = rows.Skip(1).Select(r => DateTimeOffset.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(times.Order(), times);
        var lines = fx.Run.Jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, lines.Length); // header row ↔ footer line
        foreach (var l in lines[..^1])
        {
            var e = JsonDocument.Parse(l).RootElement;
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("datetime").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("timestamp_desc").GetString()));
        }
        var summary = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("harrier_summary");
        Assert.Equal(7, summary.GetProperty("files").GetInt32());
        Assert.Equal(lines.Length - 1, summary.GetProperty("alerts").GetInt32());
        // smb-password-guessing-security.evtx holds 3,561 records, none broken.
        var smb = summary.GetProperty("per_file").EnumerateArray().Single(f => f.GetProperty("file").GetString()!.EndsWith("smb-password-guessing-security.evtx", StringComparison.Ordinal));
        Assert.Equal(3561, smb.GetProperty("records_read").GetInt64());
        Assert.Equal(0, smb.GetProperty("failed").GetInt64());
    }

    [Fact]
    public void Output_is_identical_with_one_thread_and_timings_go_to_stderr()
    {
        var one = fx.Hunt("one-thread", "--threads", "1", "-q", "--timings");
        Assert.Equal(0, one.Process.ExitCode);
        Assert.Equal(fx.Run.Csv, one.Csv);
        Assert.Equal(fx.Run.Jsonl, one.Jsonl);
        var line = Assert.Single(one.Process.Stderr.Split('\n'), l => l.StartsWith("harrier: timings: ", StringComparison.Ordinal));
        foreach (var phase in new[] { "start-up", "load rules", "compile rules", "scan", "correlate", "emit", "total" })
            Assert.Matches($@"[:,;] {phase} \d+ ms", line);
        Assert.Matches(@"; garbage collections \d+/\d+/\d+ \(gen 0/1/2\) pausing \d+ ms, \d+ MiB allocated, peak RSS [1-9]\d* MiB; \d+ sorted runs spilled to disk$",
            line.TrimEnd('\r'));
        Assert.DoesNotContain("timings", fx.Run.Process.Stderr);
    }

    [Fact]
    public void A_summary_only_run_prints_the_same_summary()
    {
        // without output files, alerts keep only the fields the summary reads and no details: the summary must not change
        var plain = HarrierProcess.Run("hunt", fx.Logs, "--threads", "2");
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        Assert.Equal(WithoutTimes(fx.Run.Process.Stdout), WithoutTimes(plain.Stdout));
        Assert.Contains("Top hosts and accounts", plain.Stdout);

        static string WithoutTimes(string summary) => System.Text.RegularExpressions.Regex.Replace(summary, @"[\d.]+ s \([\d,]+ events/s\)", "");
    }

    [Theory]
    [InlineData(new string[0], false, false)]
    [InlineData(new[] { "--csv", "a.csv" }, false, true)]
    [InlineData(new[] { "--jsonl", "a.jsonl" }, true, true)]
    [InlineData(new[] { "--db", "a.duckdb" }, true, true)]
    [InlineData(new[] { "--html", "a.html" }, true, true)]
    [InlineData(new[] { "--exposure", "findings.json" }, true, true)]
    public void Alerts_keep_what_the_outputs_read(string[] outputs, bool fields, bool details)
    {
        var s = new Commands.Hunting.HuntSettings
        {
            Paths = ["logs"],
            Csv = outputs.ElementAtOrDefault(0) == "--csv" ? outputs[1] : null,
            Jsonl = outputs.ElementAtOrDefault(0) == "--jsonl" ? outputs[1] : null,
            Db = outputs.ElementAtOrDefault(0) == "--db" ? outputs[1] : null,
            Html = outputs.ElementAtOrDefault(0) == "--html" ? outputs[1] : null,
            Exposure = outputs.ElementAtOrDefault(0) == "--exposure" ? [outputs[1]] : [],
        };
        var options = Commands.Hunting.HuntCommand.BuildOptions(s, null);
        Assert.Equal(fields, options.KeepEventFields);
        Assert.Equal(details, options.RenderDetails);
    }

    [Fact]
    public void Filters_select_levels_and_time()
    {
        var high = fx.Hunt("high", "--min-level", "high", "-q");
        var rows = StrictCsv.Parse(high.Csv).Skip(1).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r[4], new[] { "high", "critical" }));
        Assert.DoesNotContain(rows, r => r[5] == "Password guessing against one account");
        var window = fx.Hunt("window", "--from", "2019-01-01T00:00:00Z", "--to", "2019-12-31T23:59:59+00:00", "--timezone", "Asia/Tokyo", "-q");
        var w = StrictCsv.Parse(window.Csv).Skip(1).ToArray();
        Assert.NotEmpty(w);
        Assert.All(w, r => Assert.EndsWith("+09:00", r[0]));
        Assert.All(w, r => Assert.Equal(2019, DateTimeOffset.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Year));
    }

    [Fact]
    public void Fail_on_and_bad_usage_set_the_exit_code()
    {
        Assert.Equal(1, fx.Hunt("failon", "--fail-on", "critical", "-q").Process.ExitCode);
        Assert.Equal(2, HarrierProcess.Run("hunt", fx.Logs, "--from", "2019-01-01T00:00:00").ExitCode);
        var missing = HarrierProcess.Run("hunt", Path.Combine(fx.Dir, "no-such-dir"), "-q");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file or directory", missing.Stderr);
    }

    [Fact]
    public void Sigma_rules_from_shared_run_beside_the_built_in_pack()
    {
        var run = fx.Hunt("sigma", "--sigma", SharedData.Path("sigma", "rules", "windows", "builtin", "security"), "-q");
        Assert.Equal(0, run.Process.ExitCode);
        var rows = StrictCsv.Parse(run.Csv).Skip(1).ToArray();
        // SigmaHQ "Security Eventlog Cleared" (d99b79d2-…) on the same 1102 record as the built-in rule.
        Assert.Contains(rows, r => r[8] == "d99b79d2-0a6f-4f46-ad8b-260b6e17f982" && r[7] == "452811");
        Assert.Contains(rows, r => r[5] == "Security log cleared" && r[7] == "452811");
    }

    [Fact]
    public void Zip_packages_are_read_in_place()
    {
        var zip = Path.Combine(fx.Dir, "collection.zip");
        if (!File.Exists(zip)) ZipFile.CreateFromDirectory(fx.Logs, zip);
        var csv = Path.Combine(fx.Dir, "zip.csv");
        var r = HarrierProcess.Run("hunt", zip, "--csv", csv, "-q");
        Assert.Equal(0, r.ExitCode);
        var rows = StrictCsv.Parse(File.ReadAllText(csv)).Skip(1).ToArray();
        Assert.Equal(Rows.Length, rows.Length);
        Assert.Contains(rows, x => x[10] == zip + "!DE_1102_security_log_cleared.evtx" && x[7] == "452811");
    }
}
