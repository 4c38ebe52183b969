using System.Text.RegularExpressions;
using Harrier.Exposure.Findings;
using Harrier.Exposure.Rdp;
using Harrier.Exposure.Tests.Lab;

namespace Harrier.Exposure.Tests.Rdp;

/// <summary>harrier audit rdp against real xrdp and freerdp-shadow servers, a non-RDP and a silent port (<see cref="RdpLab"/>).</summary>
[Collection(RdpCollection.Name)]
public sealed partial class RdpAuditLabTests(RdpLab lab)
{
    static string Target(int port) => $"127.0.0.1:{port}";

    static RdpEndpointReport Endpoint(ExposureFindings doc, int port) => Assert.Single(doc.Endpoints!, e => e.Port == port);

    static string? Selected(RdpEndpointReport r, string offer) =>
        r.Negotiations.Single(n => n.Offer == offer) is var n && n.Outcome == NegotiationOutcome.Selected ? n.SelectedName : $"{n.Outcome} {n.FailureName}";

    [Fact]
    public async Task NlaNotEnforced_ExactlyWhereTheServerAcceptsRdpOrTls()
    {
        var doc = (await lab.All).Load();
        var flagged = doc.Findings.Where(f => f.Id == FindingIds.NlaNotEnforced).Select(f => f.Subject.Port).Order();
        Assert.Equal(new int?[] { RdpLab.ShadowNla, RdpLab.XrdpLeaky, RdpLab.XrdpClean }, flagged);
    }

    [Fact]
    public async Task Xrdp_SelectionsAreRecordedAsTheServerMadeThem()
    {
        var doc = (await lab.All).Load();
        var x = Endpoint(doc, RdpLab.XrdpLeaky);
        Assert.Equal("RDP", Selected(x, "RDP"));
        Assert.Equal("TLS", Selected(x, "TLS"));
        Assert.Equal("TLS", Selected(x, "CredSSP"));                  // offered CredSSP, xrdp picks TLS: no NLA
        Assert.Equal("TLS", Selected(x, "CredSSP+EarlyUserAuth"));
        Assert.Null(x.Ntlm);
        var f = doc.Findings.Single(f => f.Id == FindingIds.NlaNotEnforced && f.Subject.Port == RdpLab.XrdpLeaky);
        Assert.Equal(Severity.High, f.Severity);
        Assert.Equal("selected TLS", f.EvidenceValue("offer CredSSP"));
    }

    [Fact]
    public async Task ShadowWithNlaOnly_RefusesRdpAndTls_AndIsNotFlagged()
    {
        var doc = (await lab.All).Load();
        var s = Endpoint(doc, RdpLab.ShadowNlaOnly);
        Assert.Equal("Refused HYBRID_REQUIRED_BY_SERVER", Selected(s, "RDP"));
        Assert.Equal("Refused HYBRID_REQUIRED_BY_SERVER", Selected(s, "TLS"));
        Assert.Equal("CredSSP", Selected(s, "CredSSP"));
        Assert.Equal("CredSSP", Selected(s, "CredSSP+EarlyUserAuth"));   // HYBRID_EX is offered but never selected by WinPR
        Assert.DoesNotContain(doc.Findings, f => f.Id == FindingIds.NlaNotEnforced && f.Subject.Port == RdpLab.ShadowNlaOnly);
    }

    [Fact]
    public async Task Certificate_LeakingAnInternalName_IsReportedWithItsDetails()
    {
        var doc = (await lab.All).Load();
        var c = Endpoint(doc, RdpLab.XrdpLeaky).Certificate!;
        Assert.Equal($"CN={RdpLab.LeakyCertName}", c.Subject);
        Assert.Equal(c.Subject, c.Issuer);
        Assert.True(c.SelfSigned);
        Assert.Equal([RdpLab.LeakyCertName, RdpLab.ShadowHostName], c.DnsNames);
        Assert.Equal(("RSA", 2048), (c.KeyAlgorithm, c.KeySize));
        Assert.InRange((c.NotAfter - c.NotBefore).TotalDays, 29.9, 30.1);
        Assert.Matches("^[0-9A-F]{64}$", c.Sha256);

        var leak = doc.Findings.Single(f => f.Id == FindingIds.CertificateInternalName && f.Subject.Port == RdpLab.XrdpLeaky);
        Assert.Equal(Severity.Medium, leak.Severity);
        Assert.Equal(RdpLab.LeakyCertName, leak.EvidenceValue("certificate name"));
        Assert.Contains(RdpLab.LeakyCertName, leak.Subject.HostAliases!);
    }

    [Fact]
    public async Task Certificate_NamingOnlyLocalhost_IsNotALeak()
    {
        var doc = (await lab.All).Load();
        var c = Endpoint(doc, RdpLab.XrdpClean).Certificate!;
        Assert.Equal("CN=localhost", c.Subject);
        Assert.Equal(("ECDSA", 256), (c.KeyAlgorithm, c.KeySize));
        var leaks = doc.Findings.Where(f => f.Id == FindingIds.CertificateInternalName).Select(f => f.Subject.Port).Order();
        Assert.Equal(new int?[] { RdpLab.ShadowNla, RdpLab.XrdpLeaky, RdpLab.ShadowNlaOnly }, leaks);   // shadow: CN=<hostname>
    }

    [Fact]
    public async Task NtlmNames_OverCredSsp_EqualWhatNmapReports()
    {
        var doc = (await lab.All).Load();
        var ntlm = Endpoint(doc, RdpLab.ShadowNla).Ntlm!;
        var nmap = await lab.ShellAsync($"nmap -Pn -n --script rdp-ntlm-info -p {RdpLab.ShadowNla} 127.0.0.1");
        Assert.True(nmap.ExitCode == 0, nmap.ToString());
        var fields = NmapField().Matches(nmap.Stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.True(fields.Count >= 6, nmap.Stdout);
        Assert.Equal(fields["Target_Name"], ntlm.TargetName);
        Assert.Equal(fields["NetBIOS_Domain_Name"], ntlm.NetbiosDomainName);
        Assert.Equal(fields["NetBIOS_Computer_Name"], ntlm.NetbiosComputerName);
        Assert.Equal(fields["DNS_Domain_Name"], ntlm.DnsDomainName);
        Assert.Equal(fields["DNS_Computer_Name"], ntlm.DnsComputerName);
        Assert.Equal(fields["Product_Version"], ntlm.OsVersion);
        Assert.Equal(RdpLab.ShadowHostName, ntlm.DnsComputerName);

        var f = doc.Findings.Single(f => f.Id == FindingIds.NtlmInfoDisclosure && f.Subject.Port == RdpLab.ShadowNla);
        Assert.Equal(ntlm.NetbiosDomainName, f.EvidenceValue("NetBIOS domain"));
        Assert.Equal(ntlm.OsVersion, f.EvidenceValue("OS version"));
        Assert.Equal(ntlm.NetbiosDomainName, f.Subject.NetbiosDomain);
        var ntlmHosts = doc.Findings.Where(f => f.Id == FindingIds.NtlmInfoDisclosure).Select(f => f.Subject.Port).Order();
        Assert.Equal(new int?[] { RdpLab.ShadowNla, RdpLab.ShadowNlaOnly }, ntlmHosts);   // xrdp has no CredSSP
    }

    [GeneratedRegex(@"^\|_?\s+(\w+): (.*)$", RegexOptions.Multiline)]
    private static partial Regex NmapField();

    [Fact]
    public async Task ClosedSilentAndNonRdpPorts_GiveClearErrors()
    {
        var doc = (await lab.All).Load();
        ExposureError E(int port) => Assert.Single(doc.Errors, e => e.Target == Target(port));
        Assert.Equal("refused", E(RdpLab.Closed).Kind);
        Assert.Contains("connection refused", E(RdpLab.Closed).Message);
        Assert.Equal("not-rdp", E(RdpLab.Http).Kind);
        Assert.Contains("HTTP/1.1 400", E(RdpLab.Http).Message);
        Assert.Equal("timeout", E(RdpLab.Silent).Kind);
        Assert.Contains("within 3 s", E(RdpLab.Silent).Message);
        Assert.Equal(3, doc.Errors.Count);
        Assert.DoesNotContain(doc.Findings, f => f.Subject.Port is RdpLab.Closed or RdpLab.Http or RdpLab.Silent);
        Assert.Contains($"{Target(RdpLab.Silent)}: timeout:", (await lab.All).Process.Stderr);
    }

    [Fact]
    public async Task ErrorTargets_AreReportedWithinTheTimeout()
    {
        var run = await lab.AuditAsync("errors", [Target(RdpLab.Silent), Target(RdpLab.Closed), Target(RdpLab.Http), "--timeout", "2", "--concurrency", "1"]);
        var doc = run.Load();
        Assert.Equal(["timeout", "refused", "not-rdp"], doc.Errors.Select(e => e.Kind));
        // A silent port costs one timeout, not one per offer; a closed port and a non-RDP service answer at once.
        var seconds = doc.Endpoints!.Select(e => e.ElapsedSeconds).ToArray();
        Assert.InRange(seconds[0], 1.9, 2.9);
        Assert.InRange(seconds[1], 0, 1);
        Assert.InRange(seconds[2], 0, 1);
    }

    [Fact]
    public async Task Cidr_NeedsAnExplicitCap_AndExpandsWithinIt()
    {
        var refused = await lab.HarrierAsync(["audit", "rdp", $"127.0.0.0/30:{RdpLab.XrdpLeaky}"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--max-hosts", refused.Stderr);

        var run = await lab.AuditAsync("cidr", [$"127.0.0.0/30:{RdpLab.XrdpLeaky}", "--max-hosts", "2", "--timeout", "2"]);
        var doc = run.Load();
        Assert.Equal(["127.0.0.1", "127.0.0.2"], doc.Endpoints!.Select(e => e.Host));
        Assert.Null(doc.Endpoints![0].Error);                         // xrdp listens on 127.0.0.1 only
        Assert.Equal("refused", doc.Endpoints![1].Error?.Kind);
    }

    [Fact]
    public async Task TargetsFile_IsReadAlongsideArguments()
    {
        var file = Path.Combine(lab.OutDir, "targets.txt");
        await File.WriteAllTextAsync(file, $"# lab\n127.0.0.1:{RdpLab.XrdpClean}\n\n127.0.0.1:{RdpLab.ShadowNlaOnly}  # NLA only\n");
        var doc = (await lab.AuditAsync("file", [Target(RdpLab.XrdpLeaky), "--targets", file])).Load();
        Assert.Equal(new[] { RdpLab.XrdpLeaky, RdpLab.XrdpClean, RdpLab.ShadowNlaOnly }, doc.Endpoints!.Select(e => e.Port));
    }

    [Fact]
    public async Task Findings_MatchByHostNamesLearnedFromTheServer()
    {
        var index = (await lab.All).Load().CreateIndex();
        Assert.Contains(index.FindHost(RdpLab.LeakyCertName), f => f.Id == FindingIds.NlaNotEnforced && f.Subject.Port == RdpLab.XrdpLeaky);
        Assert.Contains(index.FindHost("RDPHOST01"), f => f.Id == FindingIds.NtlmInfoDisclosure);
        Assert.NotEmpty(index.FindHost("127.0.0.1"));
        Assert.Empty(index.FindHost("otherhost"));
    }

    [Fact]
    public async Task JsonToStdout_IsTheSameDocument_AndReplacesTheTable()
    {
        var r = await lab.HarrierAsync(["audit", "rdp", Target(RdpLab.XrdpLeaky), "--json=-"]);
        Assert.Equal(0, r.ExitCode);
        var doc = ExposureFindings.Parse(System.Text.Encoding.UTF8.GetBytes(r.Stdout), "stdout");
        Assert.Contains(doc.Findings, f => f.Id == FindingIds.NlaNotEnforced);
        Assert.DoesNotContain("Fixes", r.Stdout);
    }

    [Theory]
    [InlineData(new string[0], "TARGET")]
    [InlineData(new[] { "127.0.0.1", "--port", "0" }, "--port")]
    [InlineData(new[] { "127.0.0.1:99999" }, "port '99999'")]
    [InlineData(new[] { "127.0.0.1", "--targets", "/nonexistent/targets.txt" }, "/nonexistent/targets.txt")]
    public async Task BadUsage_ExitsWith2(string[] args, string message)
    {
        var r = await lab.HarrierAsync(["audit", "rdp", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task NoSecretInAnyOutput()
    {
        await lab.All;
        Assert.NotEmpty(lab.Artifacts);
        Assert.Empty(lab.Leaks());
    }
}
