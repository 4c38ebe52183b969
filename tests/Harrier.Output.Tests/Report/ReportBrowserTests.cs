using Microsoft.Playwright;

namespace Harrier.Output.Tests.Report;

/// <summary>The report opened in real headless Chromium (Debian's, at /usr/bin/chromium).</summary>
public sealed class ReportBrowserTests : IClassFixture<ReportBrowserTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ReportCase Case { get; } = new();
        public IPlaywright Playwright { get; private set; } = null!;
        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            const string chromium = "/usr/bin/chromium";
            Assert.True(File.Exists(chromium), "Debian chromium is not installed (.ci/setup.d/report.sh installs it)");
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            Case.Dispose();
        }
    }

    readonly Fixture _f;

    public ReportBrowserTests(Fixture f) => _f = f;

    sealed record Opened(IPage Page, List<string> Dialogs, List<string> Console, List<string> Requests);

    async Task<Opened> Open()
    {
        var page = await _f.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var dialogs = new List<string>();
        var console = new List<string>();
        var requests = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        page.Console += (_, m) => console.Add(m.Type + ": " + m.Text);
        page.PageError += (_, e) => console.Add("pageerror: " + e);
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(_f.Case.HtmlPath).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered='1']", new PageWaitForSelectorOptions { Timeout = 20_000 });
        return new Opened(page, dialogs, console, requests);
    }

    [Fact]
    public async Task Report_renders_counts_sessions_and_the_graph_and_saves_a_screenshot()
    {
        var o = await Open();
        var page = o.Page;
        Assert.Equal(_f.Case.Sessions.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-sessions .n"));
        Assert.Equal(_f.Case.Alerts.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-alerts .n"));
        Assert.Equal("3", await page.InnerTextAsync("#count-unreadable .n"));
        Assert.Equal("1", await page.InnerTextAsync("#alert-levels [data-level='critical'] .n"));
        Assert.Equal("1", await page.InnerTextAsync("#alert-levels [data-level='high'] .n"));
        Assert.Equal("3", await page.InnerTextAsync("#alert-levels [data-level='medium'] .n")); // three Administrator 4624s in ATSVC

        // A session row: Administrator's elevated NTLM network logon 0x17e2aa from 10.0.2.17 on the ATSVC target.
        var row = page.Locator("#sessions-table tbody tr", new PageLocatorOptions { HasText = "0x17e2aa" });
        Assert.Equal(1, await row.CountAsync());
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Contains(@"EXAMPLE\Administrator", cells);
        Assert.Contains("10.0.2.17", cells);
        Assert.Contains("WIN-77LTAPHIQ1R.example.corp", cells);
        Assert.Contains("open", cells);

        // Filtering and sorting work on the rendered table.
        await page.FillAsync("#sessions-table input.filter", "LABCORP");
        Assert.Equal(1, await page.Locator("#sessions-table tbody tr:visible").CountAsync());
        await page.FillAsync("#sessions-table input.filter", "");
        await page.ClickAsync("#sessions-table th:has-text('logon_id')");
        await page.ClickAsync("#sessions-table th:has-text('logon_id')");
        var first = await page.Locator("#sessions-table tbody tr").First.Locator("td").Nth(4).InnerTextAsync();
        Assert.Equal("0x27d676", first); // descending, hex ids compared as numbers: Alice's DC logon is the largest

        // The graph: cytoscape drew nodes, including the external gateway client and the external RDP source.
        var labels = await page.EvaluateAsync<string[]>("() => window.harrierGraph.nodes().map(n => n.data('label'))");
        Assert.Contains("219.100.37.243", labels);
        Assert.Contains("203.0.113.66", labels);
        var ids = await page.EvaluateAsync<string[]>("() => window.harrierGraph.nodes().map(n => n.id())");
        Assert.Contains("account:ADMINISTRATOR", ids); // EXAMPLE\Administrator and EC2AMAZ-6C3C9U6\Administrator: one account node
        Assert.Contains("host:WIN-77LTAPHIQ1R", ids);
        Assert.True(await page.Locator("#graph canvas").CountAsync() > 0);
        Assert.Contains("219.100.37.243 → EC2AMAZ-6C3C9U6", await page.InnerTextAsync("#paths"));

        Assert.Contains("broken.evtx", await page.InnerTextAsync("#files-table"));
        Assert.DoesNotContain(o.Requests, u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal));
        Assert.DoesNotContain(o.Console, m => m.StartsWith("pageerror", StringComparison.Ordinal) || m.StartsWith("error", StringComparison.Ordinal));

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        var shot = Path.Combine(shots, "report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Html_in_log_strings_renders_as_text_and_runs_no_script()
    {
        var o = await Open();
        var page = o.Page;
        // The account cell holds the payload as text …
        var row = page.Locator("#sessions-table tbody tr", new PageLocatorOptions { HasText = "0xbad" });
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Contains(@"EVIL\" + ReportCase.Payload, cells);
        Assert.Contains(ReportCase.PayloadHost, cells);
        // … as do the alert table, the hosts list, the graph labels and the problems table.
        Assert.Contains("Rule " + ReportCase.Payload, await page.InnerTextAsync("#alerts-table"));
        Assert.Contains(ReportCase.PayloadHost, await page.InnerTextAsync("#scope-hosts"));
        Assert.Contains(ReportCase.Payload, await page.InnerTextAsync("#problems-table"));
        var labels = await page.EvaluateAsync<string[]>("() => window.harrierGraph.nodes().map(n => n.data('label'))");
        Assert.Contains(@"EVIL\" + ReportCase.Payload, labels);
        // No element was made from it and nothing ran.
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(3, await page.Locator("script").CountAsync()); // data, cytoscape, report
        Assert.Empty(o.Dialogs);
        Assert.DoesNotContain(o.Console, m => m.Contains("Content Security Policy", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public void Payload_never_appears_unescaped_in_the_file()
    {
        var html = File.ReadAllText(_f.Case.HtmlPath);
        Assert.DoesNotContain(ReportCase.Payload, html);
        Assert.DoesNotContain("<script>alert(2)", html);
        Assert.Contains("Content-Security-Policy", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
    }
}
