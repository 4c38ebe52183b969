using System.Text.Json;
using DuckDB.NET.Data;
using Harrier.Cli.Tests.Hunting;
using Harrier.Testing;
using Microsoft.Playwright;

namespace Harrier.Cli.Tests.Exposure;

/// <summary>
/// <c>harrier hunt --exposure --html --db</c> end to end: the case file, the CSV and the report agree with the
/// run's own JSONL (counts are computed from it, never written down), and the report, opened in headless
/// Chromium, shows each finding beside the alerts linked to it.
/// </summary>
public sealed class HuntExposureCaseTests(HuntExposureCaseFixture fx) : IClassFixture<HuntExposureCaseFixture>
{
    const string Payload = "<img src=x onerror=alert(1)>";

    static IEnumerable<JsonElement> Notes(JsonElement alert) =>
        alert.TryGetProperty("exposure", out var x) ? x.EnumerateArray() : [];

    IEnumerable<JsonElement> Linked => fx.Alerts.Where(a => Notes(a).Any());

    /// <summary>Finding key → alerts linked to it, from the JSONL.</summary>
    Dictionary<string, int> LinksPerFinding => fx.Alerts.SelectMany(a => Notes(a).Select(n => n.GetProperty("finding_key").GetString()!))
        .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

    static long Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_case_file_opens_and_holds_what_the_jsonl_and_logons_report()
    {
        using var c = new DuckDBConnection("Data Source=" + fx.CasePath + ";ACCESS_MODE=READ_ONLY");
        c.Open();
        Assert.Equal(fx.Alerts.Count, Scalar(c, "SELECT count(*) FROM alerts"));
        Assert.Equal(fx.Footer.GetProperty("alerts").GetInt64(), Scalar(c, "SELECT count(*) FROM alerts"));
        Assert.Equal(fx.LogonSessions, Scalar(c, "SELECT count(*) FROM sessions"));
        Assert.True(fx.LogonSessions > 0);

        // Links: one alert_exposure row per JSONL note, on the same alerts, with the same raised levels.
        Assert.Equal(Linked.Count(), Scalar(c, "SELECT count(DISTINCT alert_id) FROM alert_exposure"));
        Assert.Equal(fx.Footer.GetProperty("alerts_with_exposure").GetInt64(), Linked.Count());
        Assert.Equal(fx.Alerts.Sum(a => Notes(a).Count()), Scalar(c, "SELECT count(*) FROM alert_exposure"));
        var raised = fx.Alerts.Count(a => a.TryGetProperty("level_raised_from", out _));
        Assert.Equal(raised, Scalar(c, "SELECT count(*) FROM alerts WHERE level <> rule_level"));
        Assert.Equal(fx.Footer.GetProperty("alerts_raised").GetInt64(), raised);
        foreach (var (key, n) in LinksPerFinding)
            Assert.Equal(n, Scalar(c, $"SELECT count(*) FROM alert_exposure WHERE finding_key = '{key.Replace("'", "''")}'"));

        // Every finding of the file is stored once, linked or not; every link names a stored finding.
        using var doc = JsonDocument.Parse(File.ReadAllBytes(fx.Findings));
        Assert.Equal(doc.RootElement.GetProperty("findings").GetArrayLength(), Scalar(c, "SELECT count(*) FROM exposure_findings"));
        Assert.Equal(0, Scalar(c, "SELECT count(*) FROM alert_exposure x ANTI JOIN exposure_findings f USING (finding_key)"));
        Assert.Equal("2", (string)new DuckDBCommand("SELECT value FROM meta WHERE key = 'schema_version'", c).ExecuteScalar()!);
    }

    /// <summary>
    /// <c>harrier query</c> prints lists as [a, b] whatever their element type. DuckDB.NET builds those lists by
    /// reflection, which the native build (HARRIER_EXE, .ci/native-cli-tests) supports only for the list types it keeps.
    /// </summary>
    [Fact]
    public void Query_prints_dates_blobs_and_lists_of_text_times_dates_and_nested_lists()
    {
        var tags = HarrierProcess.Run("query", fx.CasePath, "--csv",
            "SELECT tags FROM alerts WHERE len(tags) > 1 ORDER BY alert_id LIMIT 1");
        Assert.True(tags.ExitCode == 0, tags.Stderr);
        Assert.Matches(@"^tags\n""?\[attack\.[^,\]]+, attack\.", tags.Stdout.ReplaceLineEndings("\n"));

        var r = HarrierProcess.Run("query", fx.CasePath, "--csv",
            "SELECT ['b', 'a'] AS s, [TIMESTAMP '2024-01-02 03:04:05'] AS t, [DATE '2024-01-02'] AS d, [[1, 2], [3]] AS n, [['x']] AS ns, DATE '2024-01-02' AS d1, '\\x01\\xAB'::BLOB AS b");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("s,t,d,n,ns,d1,b", lines[0]);
        Assert.Equal("\"[b, a]\",[2024-01-02T03:04:05.000000Z],[2024-01-02],\"[[1, 2], [3]]\",[[x]],2024-01-02,01AB", lines[1]);
    }

    [Fact]
    public void Kerberoasting_and_asrep_alerts_link_to_the_roastable_accounts_and_the_near_misses_link_to_nothing()
    {
        Assert.NotEmpty(Linked);
        // 4769 record 38681 asks for an RC4 ticket for sql101 (medium rule, raised to high).
        var roast = Assert.Single(fx.Alerts, a => a.GetProperty("rule").GetProperty("title").GetString() == "Kerberoasting - RC4 service ticket requested");
        Assert.Equal(38681, roast.GetProperty("record_id").GetInt64());
        Assert.Equal(("high", "medium"), (roast.GetProperty("level").GetString(), roast.GetProperty("level_raised_from").GetString()));
        Assert.Contains(Notes(roast), n => n.GetProperty("finding_key").GetString() == "AD-KERBEROAST/sql101@labcorp.local"
            && n.GetProperty("field").GetString() == "ServiceName");
        var asrep = Assert.Single(fx.Alerts, a => a.GetProperty("rule").GetProperty("title").GetString() == "AS-REP roasting - TGT without pre-authentication");
        Assert.Equal("critical", asrep.GetProperty("level").GetString());
        Assert.Equal("AD-ASREP-ROAST/Alice@labcorp.local", Assert.Single(Notes(asrep)).GetProperty("finding_key").GetString());
        // Password spraying touching svc-01, whose password is not required.
        Assert.Contains(fx.Alerts, a => a.GetProperty("rule").GetProperty("title").GetString()!.StartsWith("Password spraying", StringComparison.Ordinal)
            && Notes(a).Any(n => n.GetProperty("finding_key").GetString() == "AD-PWD-NOT-REQUIRED/svc-01@threebeesco.com"));
        // RDP logons on the host without NLA.
        Assert.Contains(fx.Alerts, a => a.GetProperty("computer").GetString() == "DESKTOP-1N4R894"
            && Notes(a).Any(n => n.GetProperty("finding_id").GetString() == "RDP-NLA-NOT-ENFORCED"));
        // svc_backup is in no record; Administrator@other.example is not the samples' (local or LABCORP) Administrator.
        Assert.False(LinksPerFinding.ContainsKey("AD-KERBEROAST/svc_backup@labcorp.local"));
        Assert.False(LinksPerFinding.ContainsKey("AD-PWD-NOT-REQUIRED/Administrator@other.example"));
        Assert.All(fx.Alerts.Where(a => !Notes(a).Any()), a => Assert.False(a.TryGetProperty("level_raised_from", out _)));
    }

    [Fact]
    public void Csv_has_the_exposure_column_last_and_one_row_per_alert()
    {
        var rows = StrictCsv.Parse(File.ReadAllText(fx.CsvPath));
        Assert.Equal(["Timestamp", "Computer", "Channel", "EventID", "Level", "RuleTitle", "Details", "RecordID", "RuleID", "Tags", "File", "Exposure"], rows[0]);
        Assert.Equal(fx.Alerts.Count, rows.Count - 1);
        Assert.Equal(Linked.Count(), rows.Skip(1).Count(r => r[11].Length > 0));
        var roast = Assert.Single(rows, r => r[5] == "Kerberoasting - RC4 service ticket requested");
        Assert.StartsWith("level raised from medium; ", roast[11], StringComparison.Ordinal);
        Assert.Contains("AD-KERBEROAST/sql101@labcorp.local (high) via ServiceName=sql101", roast[11]);
    }

    [Fact]
    public void The_terminal_summary_counts_the_linked_alerts()
    {
        Assert.Contains($"Exposure: {Linked.Count()} alerts involve an account or host named in 7 exposure findings", fx.Hunt.Stdout.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_or_missing_findings_file_is_a_usage_error_naming_the_file_and_position()
    {
        var broken = Path.Combine(fx.Dir, "broken-findings.json");
        File.WriteAllText(broken, "{\n  \"format\": \"harrier-exposure-findings\",\n  \"version\": 1,\n  \"findings\": [ oops ]\n}\n");
        var r = HarrierProcess.Run("hunt", fx.Logs, "--exposure", broken, "-q");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(broken + ": line 4", r.Stderr);
        var missing = HarrierProcess.Run("hunt", fx.Logs, "--exposure", Path.Combine(fx.Dir, "none.json"), "-q");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.json: cannot read findings file", missing.Stderr);
    }

    [Fact]
    public void Report_from_hunt_and_from_the_case_file_are_the_same_bytes()
    {
        Assert.Equal(File.ReadAllBytes(fx.HuntHtml), File.ReadAllBytes(fx.ReportHtml));
    }

    [Fact]
    public async Task The_report_shows_each_finding_beside_its_alerts_in_chromium()
    {
        var page = await fx.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var requests = new List<string>();
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(fx.ReportHtml).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered='1']", new PageWaitForSelectorOptions { Timeout = 20_000 });

        Assert.Equal(Linked.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-exposure-linked-alerts .n"));
        Assert.Equal(LinksPerFinding.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-exposure-linked-findings .n"));
        Assert.Equal(fx.Alerts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-alerts .n"));
        Assert.Equal(7, await page.Locator("#exposure-list .finding").CountAsync());

        // The Kerberoastable sql101: its evidence and fix on one side, the Kerberoasting alert (record 38681) on the other.
        var sql = page.Locator("#exposure-list .finding[data-key='AD-KERBEROAST/sql101@labcorp.local']");
        Assert.Equal(1, await sql.CountAsync());
        Assert.Contains("MSSQLSvc/sql101.labcorp.local:1433", await sql.Locator("dl").InnerTextAsync());
        Assert.StartsWith("Fix: ", await sql.Locator(".fix").InnerTextAsync(), StringComparison.Ordinal);
        var row = sql.Locator(".fright table.linked tr", new LocatorLocatorOptions { HasText = "38681" });
        Assert.Equal(1, await row.CountAsync());
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Contains("Kerberoasting - RC4 service ticket requested", cells);
        Assert.Contains("high (from medium)", cells);
        Assert.Contains("ServiceName=sql101", cells);
        Assert.Equal(LinksPerFinding["AD-KERBEROAST/sql101@labcorp.local"], await sql.Locator("table.linked tr").CountAsync() - 1);

        // The host without NLA lists every alert on it; the unlinked near miss says so.
        var nla = page.Locator("#exposure-list .finding[data-key='RDP-NLA-NOT-ENFORCED/desktop-1n4r894.magnetic.example:3389']");
        Assert.Equal(LinksPerFinding["RDP-NLA-NOT-ENFORCED/desktop-1n4r894.magnetic.example:3389"], await nla.Locator("table.linked tr").CountAsync() - 1);
        var backup = page.Locator("#exposure-list .finding[data-key='AD-KERBEROAST/svc_backup@labcorp.local']");
        Assert.Contains("No alert names this account.", await backup.InnerTextAsync());
        // Its SPN is HTML: shown as text, no element made from it, nothing run.
        Assert.Contains("backup/" + Payload, await backup.Locator("dl").InnerTextAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        // Linked findings come first.
        var order = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('#exposure-list .finding')].map(f => Number(f.dataset.alerts))");
        Assert.Equal(LinksPerFinding.Count, order.TakeWhile(n => n > 0).Count());
        Assert.True(order.SkipWhile(n => n > 0).All(n => n == 0));

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.Locator("#exposure").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(shots, "exposure-section.png") });

        // The alert list names the findings too; filtering the findings works.
        Assert.Contains("AD-KERBEROAST/sql101@labcorp.local", await page.InnerTextAsync("#alerts-table"));
        await page.FillAsync("#exposure-list input.filter", "svc-01");
        Assert.Equal(1, await page.Locator("#exposure-list .finding:visible").CountAsync());

        Assert.Empty(errors);
        Assert.Empty(dialogs);
        Assert.DoesNotContain(Payload, await File.ReadAllTextAsync(fx.ReportHtml));
        Assert.DoesNotContain(requests, u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal));
        await page.CloseAsync();
    }
}
