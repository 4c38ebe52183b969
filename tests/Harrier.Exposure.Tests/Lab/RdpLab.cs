namespace Harrier.Exposure.Tests.Lab;

/// <summary>
/// RDP servers in their own namespace (lab.sh rdp-start), all on 127.0.0.1 inside it:
/// freerdp-shadow with NLA that still accepts RDP/TLS (3389), freerdp-shadow with NLA only (3393),
/// xrdp with a certificate naming an internal host (3390), xrdp with a CN=localhost certificate
/// (3391), an HTTP service (8080), a silent port (3392); nothing listens on 3399.
/// </summary>
public sealed class RdpLab() : LabNamespace("rdp")
{
    public const int ShadowNla = 3389, XrdpLeaky = 3390, XrdpClean = 3391, Silent = 3392, ShadowNlaOnly = 3393, Http = 8080, Closed = 3399;
    public const string LeakyCertName = "RDPHOST01.corp.example.internal";
    public const string ShadowHostName = "rdphost01";

    Task<AuditRun>? _all;

    protected override Task StartAsync()
    {
        var password = NewPassword();
        Secrets.Add(password);
        return StartWith("rdp-start", new Dictionary<string, string>
        {
            ["LAB_USER_PASSWORD"] = password,
            ["LAB_DISPLAY"] = (100 + Environment.ProcessId % 400).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>One audit of every lab port (run once, shared by the tests).</summary>
    public Task<AuditRun> All => _all ??= AuditAsync("all",
        [.. new[] { ShadowNla, XrdpLeaky, XrdpClean, ShadowNlaOnly, Http, Silent, Closed }.Select(p => $"127.0.0.1:{p}"), "--timeout", "3"]);

    public async Task<AuditRun> AuditAsync(string name, string[] args)
    {
        var json = Path.Combine(OutDir, $"rdp-{name}.json");
        var csv = Path.Combine(OutDir, $"rdp-{name}.csv");
        var r = await HarrierAsync(["audit", "rdp", .. args, "--json", json, "--csv", csv], null, json, csv);
        return new AuditRun(r, json, csv);
    }
}

[CollectionDefinition(Name)]
public sealed class RdpCollection : ICollectionFixture<RdpLab>
{
    public const string Name = "rdp lab";
}
