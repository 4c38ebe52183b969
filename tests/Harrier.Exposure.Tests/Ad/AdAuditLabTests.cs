using Harrier.Exposure.Findings;
using Harrier.Exposure.Tests.Lab;

namespace Harrier.Exposure.Tests.Ad;

/// <summary>
/// harrier audit ad against the real Samba AD DC of <see cref="SambaLab"/>: every rule reports
/// exactly the objects planted for it (risky-objects.sh), and none of the near misses.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class AdAuditLabTests(SambaLab lab)
{
    /// <summary>Rule id → the accounts planted (or present by default) for it; every other account must not appear.</summary>
    public static readonly Dictionary<string, string[]> Expected = new()
    {
        [FindingIds.Kerberoastable] = ["adminsvc", "aes_svc", "svc_sql"],
        [FindingIds.AsRepRoastable] = ["asrep_user"],
        [FindingIds.PasswordNeverExpires] = ["adminsvc", "Guest", "neverexp"],
        [FindingIds.PasswordNotRequired] = ["Guest", "notreqd"],
        [FindingIds.ReversibleEncryption] = ["reversible"],
        [FindingIds.DesOnly] = ["des_enctypes", "desonly"],
        [FindingIds.UnconstrainedDelegation] = ["deleg_user", "SRV01$"],
        [FindingIds.PrivilegedDelegable] = ["Administrator", "adminsvc", "nestedadmin", "oldadmin"],
        [FindingIds.PrivilegedNotProtected] = ["Administrator", "adminsvc", "nestedadmin", "oldadmin"],
        [FindingIds.Inactive] = ["oldadmin", "staleuser"],
        [FindingIds.PrivilegedPasswordOld] = ["oldadmin"],
        [FindingIds.KrbtgtPasswordAge] = ["krbtgt"],
        [FindingIds.GuestEnabled] = ["Guest"],
        [FindingIds.StaleAdminCount] = ["exadmin"],
        [FindingIds.PrivilegedMember] = ["Administrator", "adminsvc", "disabled_admin", "nestedadmin", "oldadmin", "protadmin"],
    };

    public static TheoryData<string> AdRuleIds() => [.. Expected.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryAdRuleHasAnExpectation()
    {
        var declared = typeof(FindingIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).Where(v => v.StartsWith("AD-", StringComparison.Ordinal));
        Assert.Equal(declared.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AdRuleIds))]
    public async Task Ldaps_ReportsExactlyThePlantedObjects(string id)
    {
        var doc = (await lab.Ldaps).Load();
        var subjects = doc.Findings.Where(f => f.Id == id).Select(f => f.Subject.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Expected[id].Order(StringComparer.Ordinal), subjects);
    }

    [Fact]
    public async Task Ldaps_ReportsNoOtherRule_AndNoNearMiss()
    {
        var doc = (await lab.Ldaps).Load();
        Assert.All(doc.Findings, f => Assert.Contains(f.Id, Expected.Keys));
        foreach (var clean in new[] { "plainuser", "disabled_user", "WS01$", "DC1$" })
            Assert.DoesNotContain(doc.Findings, f => f.Subject.Name == clean);
        Assert.Empty(doc.Errors);
        Assert.Equal("ad", doc.Audit);
    }

    [Fact]
    public async Task StartTlsAndKerberos_FindTheSameAsLdaps()
    {
        static string[] Keys(ExposureFindings d) => [.. d.Findings.Select(f => $"{f.Id} {f.Subject.Name} {f.Severity}")];
        var ldaps = Keys((await lab.Ldaps).Load());
        Assert.Equal(ldaps, Keys((await lab.StartTls).Load()));
        Assert.Equal(ldaps, Keys((await lab.Kerberos).Load()));
        // The StartTLS run has to turn verification off (LDAPTLS_REQCERT=never, see SambaLab): harrier says so.
        Assert.Contains("certificate is not verified", (await lab.StartTls).Process.Stderr);
        Assert.DoesNotContain("not verified", (await lab.Ldaps).Process.Stderr);
    }

    [Fact]
    public async Task Severities_RankPrivilegedAccountsFirst()
    {
        var doc = (await lab.Ldaps).Load();
        Severity Of(string id, string name) => doc.Findings.Single(f => f.Id == id && f.Subject.Name == name).Severity;
        Assert.Equal(Severity.Critical, Of(FindingIds.Kerberoastable, "adminsvc"));
        Assert.Equal(Severity.High, Of(FindingIds.Kerberoastable, "svc_sql"));
        Assert.Equal(Severity.Medium, Of(FindingIds.Kerberoastable, "aes_svc"));   // AES-only tickets are slower to crack
        Assert.Equal(Severity.High, Of(FindingIds.Inactive, "oldadmin"));
        Assert.Equal(Severity.Medium, Of(FindingIds.Inactive, "staleuser"));
        Assert.Equal(Severity.High, Of(FindingIds.KrbtgtPasswordAge, "krbtgt"));   // back-dated to 2017
        var order = doc.Findings.Select(f => f.Severity).ToList();
        Assert.Equal(order.OrderByDescending(s => s), order);
    }

    [Fact]
    public async Task Evidence_CarriesTheProvingAttributeValues()
    {
        var doc = (await lab.Ldaps).Load();
        ExposureFinding F(string id, string name) => doc.Findings.Single(f => f.Id == id && f.Subject.Name == name);

        Assert.Equal("MSSQLSvc/sql01.test.local:1433", F(FindingIds.Kerberoastable, "svc_sql").EvidenceValue("servicePrincipalName"));
        Assert.StartsWith("24 (", F(FindingIds.Kerberoastable, "aes_svc").EvidenceValue("msDS-SupportedEncryptionTypes"));
        Assert.Equal("Domain Admins", F(FindingIds.Kerberoastable, "adminsvc").EvidenceValue("privileged via"));
        Assert.StartsWith("4194816 (0x400200: ", F(FindingIds.AsRepRoastable, "asrep_user").EvidenceValue("userAccountControl"));
        Assert.Contains("DONT_REQ_PREAUTH", F(FindingIds.AsRepRoastable, "asrep_user").EvidenceValue("userAccountControl"));
        Assert.StartsWith("2017-06-01T", F(FindingIds.KrbtgtPasswordAge, "krbtgt").EvidenceValue("pwdLastSet"));
        Assert.StartsWith("2019-03-01T", F(FindingIds.PrivilegedPasswordOld, "oldadmin").EvidenceValue("pwdLastSet"));
        Assert.StartsWith("2016-02-15T08:53:20Z", F(FindingIds.Inactive, "staleuser").EvidenceValue("lastLogonTimestamp"));
        Assert.Equal("Tier0Ops → Administrators", F(FindingIds.PrivilegedMember, "nestedadmin").EvidenceValue("privileged via"));
        Assert.Equal("no", F(FindingIds.PrivilegedMember, "disabled_admin").EvidenceValue("enabled"));
        Assert.Contains("TRUSTED_FOR_DELEGATION", F(FindingIds.UnconstrainedDelegation, "SRV01$").EvidenceValue("userAccountControl"));
        Assert.All(doc.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));
    }

    [Fact]
    public async Task Subjects_CarryTheNamesLogsUse()
    {
        var doc = (await lab.Ldaps).Load();
        var s = doc.Findings.First(f => f.Id == FindingIds.Kerberoastable && f.Subject.Name == "svc_sql").Subject;
        Assert.Equal(SubjectKind.Account, s.Kind);
        Assert.Equal("svc_sql@test.local", s.UserPrincipalName);
        Assert.Equal("test.local", s.Domain);
        Assert.Equal("TEST", s.NetbiosDomain);
        Assert.Equal("CN=svc_sql,CN=Users,DC=test,DC=local", s.DistinguishedName);
        Assert.Matches(@"^S-1-5-21-\d+-\d+-\d+-\d+$", s.Sid);
        var index = doc.CreateIndex();
        Assert.Contains(index.FindAccount(@"TEST\svc_sql"), f => f.Id == FindingIds.Kerberoastable);
        Assert.Contains(index.FindAccount("svc_sql@test.local"), f => f.Id == FindingIds.Kerberoastable);
        Assert.Empty(index.FindAccount(@"OTHER\svc_sql"));
        Assert.Contains(index.FindHost("srv01.test.local"), f => f.Id == FindingIds.UnconstrainedDelegation);
    }

    [Fact]
    public async Task Csv_HasOneRowPerJsonFinding()
    {
        var run = await lab.Ldaps;
        var doc = run.Load();
        var lines = File.ReadAllLines(run.CsvPath);
        Assert.StartsWith("id,severity,title,", lines[0]);
        Assert.Equal(doc.Findings.Count, lines.Length - 1);
        for (int i = 0; i < doc.Findings.Count; i++) Assert.StartsWith($"{doc.Findings[i].Id},{doc.Findings[i].Severity.ToString().ToLowerInvariant()},", lines[i + 1]);
    }

    [Fact]
    public async Task WrongPassword_FailsClearly_WithoutEchoingIt()
    {
        var wrong = "Wr0ng!" + Guid.NewGuid().ToString("N");
        lab.Secrets.Add(wrong);
        var r = await lab.AuditAsync("wrong-password", ["--server", "127.0.0.1", "--ldaps", "--user", SambaLab.Admin], lab.PasswordEnv(wrong));
        Assert.Equal(2, r.Process.ExitCode);
        Assert.Contains("invalid credentials", r.Process.Stderr);
        Assert.False(File.Exists(r.JsonPath));
    }

    [Fact]
    public async Task NoPassword_AndCleartextBind_AreUsageErrors()
    {
        var noPassword = await lab.HarrierAsync(["audit", "ad", "--server", "127.0.0.1", "--ldaps", "--user", SambaLab.Admin, "--base", SambaLab.BaseDn],
            new Dictionary<string, string> { ["HARRIER_AD_PASSWORD"] = "" });
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Contains("HARRIER_AD_PASSWORD", noPassword.Stderr);

        var clear = await lab.HarrierAsync(["audit", "ad", "--server", "127.0.0.1", "--user", SambaLab.Admin, "--base", SambaLab.BaseDn], lab.PasswordEnv());
        Assert.Equal(2, clear.ExitCode);
        Assert.Contains("in clear", clear.Stdout + clear.Stderr);
    }

    [Fact]
    public async Task UntrustedCertificate_IsRefused()
    {
        // 127.0.0.1 is not the name in the DC's certificate: with verification on, the bind must fail.
        var r = await lab.AuditAsync("untrusted", ["--server", "127.0.0.1", "--ldaps", "--ca-dir", lab.CaDir, "--user", SambaLab.Admin],
            new Dictionary<string, string> { ["HARRIER_AD_PASSWORD"] = lab.AdminPassword });
        Assert.Equal(2, r.Process.ExitCode);
        Assert.Contains("127.0.0.1:636", r.Process.Stderr);
        Assert.Contains("certificate", r.Process.Stderr);
    }

    [Fact]
    public async Task Password_NeverAppearsInAnyOutput()
    {
        await lab.Ldaps;
        await lab.StartTls;
        await lab.Kerberos;
        await WrongPassword_FailsClearly_WithoutEchoingIt();
        await lab.HarrierAsync(["audit", "ad", "--server", "127.0.0.1", "--ldaps", "--user", SambaLab.Admin, "--base", SambaLab.BaseDn], lab.PasswordEnv());
        Assert.True(lab.Artifacts.Count >= 10, $"only {lab.Artifacts.Count} artifacts recorded");
        Assert.Empty(lab.Leaks());
    }
}
