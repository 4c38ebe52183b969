using System.Text.Json;
using Harrier.Cli.Tests.Hunting;
using Harrier.Testing;
using Microsoft.Playwright;

namespace Harrier.Cli.Tests.Exposure;

/// <summary>
/// Runs the real CLI once as a user would: <c>harrier hunt LOGS --exposure corpus-findings.json --jsonl --csv
/// --html --db</c> over real corpus samples, then <c>harrier logons LOGS --jsonl</c> (an independent count of the
/// sessions) and <c>harrier report case.duckdb</c>; starts Debian's headless Chromium for the report tests.
/// </summary>
/// <remarks>
/// corpus-findings.json is input data in the documented output format of <c>harrier audit ad|rdp --json</c>
/// (docs/exposure.md), written by hand because no audit can reach the domains these samples were recorded in.
/// Its subjects are the accounts and hosts the samples' own records name: sql101 (4769 RC4 ticket, Kerberoasting
/// sample), Alice (4768 without pre-authentication, AS-REP sample), svc-01 (Kerberos spray from 172.16.66.1) and
/// DESKTOP-1N4R894 (RemoteConnectionManager 1149 logons); plus near misses that no record names (svc_backup,
/// the Administrator of another domain). svc_backup's SPN is HTML (an SPN is a free string anyone with write
/// access to the account can set): the report must show it as text. Tests/Harrier.Exposure.Tests proves the
/// real audit writes this format.
/// </remarks>
public sealed class HuntExposureCaseFixture : IAsyncLifetime
{
    public static readonly string[] Samples =
    [
        "yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx",
        "yamato/CredentialAccess/T1558.004_StealOrForgeKerberosTicketsAS-REP-Roasting_Security.evtx",
        "evtx-attack-samples/Credential Access/kerberos_pwd_spray_4771.evtx",
        "evtx-crate-samples/2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx",
        "deepbluecli/smb-password-guessing-security.evtx",
    ];

    public string Dir { get; } = Directory.CreateTempSubdirectory("harrier-exposure-e2e").FullName;
    public string Logs => Path.Combine(Dir, "logs");
    public string Findings => Path.Combine(AppContext.BaseDirectory, "Exposure", "corpus-findings.json");
    public string CasePath => Path.Combine(Dir, "case.duckdb");
    public string HuntHtml => Path.Combine(Dir, "hunt-report.html");
    public string ReportHtml => Path.Combine(Dir, "report.html");
    public string CsvPath => Path.Combine(Dir, "alerts.csv");

    public HarrierProcess.Result Hunt { get; private set; } = null!;
    public HarrierProcess.Result Report { get; private set; } = null!;

    /// <summary>The hunt's JSONL alert lines (the footer left out) and its footer.</summary>
    public IReadOnlyList<JsonElement> Alerts { get; private set; } = [];
    public JsonElement Footer { get; private set; }

    /// <summary>Sessions as <c>harrier logons --jsonl</c> prints them.</summary>
    public int LogonSessions { get; private set; }

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Logs);
        foreach (var s in Samples) File.Copy(SharedData.Corpus(s.Split('/')), Path.Combine(Logs, Path.GetFileName(s)));
        var jsonl = Path.Combine(Dir, "alerts.jsonl");
        Hunt = HarrierProcess.Run("hunt", Logs, "--exposure", Findings, "--jsonl", jsonl, "--csv", CsvPath,
            "--html", HuntHtml, "--db", CasePath, "--threads", "2");
        Assert.True(Hunt.ExitCode == 0, Hunt.Stderr);
        var lines = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Footer = lines[^1].GetProperty("harrier_summary");
        Alerts = lines[..^1];

        var logons = Path.Combine(Dir, "logons.jsonl");
        var l = HarrierProcess.Run("logons", Logs, "--jsonl", "-o", logons);
        Assert.True(l.ExitCode == 0, l.Stderr);
        LogonSessions = File.ReadAllLines(logons).Count(x => x.Length > 0);

        Report = HarrierProcess.Run("report", CasePath, "-o", ReportHtml);
        Assert.True(Report.ExitCode == 0, Report.Stderr);

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
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }
}
