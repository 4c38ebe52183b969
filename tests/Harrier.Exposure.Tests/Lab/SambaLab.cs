namespace Harrier.Exposure.Tests.Lab;

/// <summary>
/// A Samba AD DC for TEST.LOCAL (DC=test,DC=local) in its own namespace, provisioned once per test
/// run with the objects of risky-objects.sh, and three audits of it run once through the CLI.
/// </summary>
public sealed class SambaLab() : LabNamespace("ad")
{
    public const string BaseDn = "DC=test,DC=local";
    public const string Admin = "Administrator@test.local";

    public string AdminPassword { get; } = NewPassword();
    public string UserPassword { get; } = NewPassword();

    Task<AuditRun>? _ldaps, _startTls, _kerberos;

    protected override async Task StartAsync()
    {
        Secrets.Add(AdminPassword);
        Secrets.Add(UserPassword);
        await StartWith("samba-start", new Dictionary<string, string> { ["LAB_ADMIN_PASSWORD"] = AdminPassword, ["LAB_USER_PASSWORD"] = UserPassword });
    }

    public Dictionary<string, string> PasswordEnv(string? password = null) => new()
    {
        ["HARRIER_AD_PASSWORD"] = password ?? AdminPassword,
        ["LDAPTLS_REQCERT"] = "never",
    };

    /// <summary>The DC's CA certificate directory (OpenSSL hashed layout) made by lab.sh.</summary>
    public string CaDir => Path.Combine(Dir, "samba", "cadir");

    /// <summary>
    /// The audit over LDAPS with a simple bind, verifying the DC's certificate against its CA by name
    /// (dc1.test.local in the namespace's hosts file). Run once, shared by the tests.
    /// </summary>
    public Task<AuditRun> Ldaps => _ldaps ??= AuditAsync("ldaps",
        ["--server", "dc1.test.local", "--ldaps", "--ca-dir", CaDir, "--user", Admin],
        new Dictionary<string, string> { ["HARRIER_AD_PASSWORD"] = AdminPassword });

    /// <summary>
    /// The audit over StartTLS. System.DirectoryServices.Protocols on Linux fails StartTLS with a CA
    /// (error 91) even where ldapsearch -ZZ succeeds, so this run skips verification (LDAPTLS_REQCERT=never).
    /// </summary>
    public Task<AuditRun> StartTls => _startTls ??= AuditAsync("starttls", ["--server", "127.0.0.1", "--starttls", "--user", Admin], PasswordEnv());

    /// <summary>The audit with a Kerberos (GSSAPI) bind from a ticket cache obtained with kinit inside the namespace.</summary>
    public Task<AuditRun> Kerberos => _kerberos ??= KerberosAsync();

    async Task<AuditRun> KerberosAsync()
    {
        var cache = Path.Combine(Dir, "krb5cc");
        var kinit = await ShellAsync("printf %s \"$KINIT_PASSWORD\" | kinit Administrator@TEST.LOCAL > /dev/null",
            new Dictionary<string, string> { ["KINIT_PASSWORD"] = AdminPassword, ["KRB5CCNAME"] = $"FILE:{cache}" });
        if (kinit.ExitCode != 0) throw new InvalidOperationException($"kinit failed: {kinit}");
        return await AuditAsync("kerberos", ["--server", "dc1.test.local", "--kerberos"],
            new Dictionary<string, string> { ["KRB5CCNAME"] = $"FILE:{cache}", ["LDAPSASL_NOCANON"] = "on" });
    }

    public async Task<AuditRun> AuditAsync(string name, string[] connection, Dictionary<string, string> env)
    {
        var json = Path.Combine(OutDir, $"ad-{name}.json");
        var csv = Path.Combine(OutDir, $"ad-{name}.csv");
        var r = await HarrierAsync(["audit", "ad", .. connection, "--base", BaseDn, "--json", json, "--csv", csv], env, json, csv);
        return new AuditRun(r, json, csv);
    }
}

/// <summary>One CLI audit run and the files it wrote.</summary>
public sealed record AuditRun(ProcessResult Process, string JsonPath, string CsvPath)
{
    public Harrier.Exposure.Findings.ExposureFindings Load()
    {
        Assert.True(Process.ExitCode == 0, Process.ToString());
        return Harrier.Exposure.Findings.ExposureFindings.Load(JsonPath);
    }
}

[CollectionDefinition(Name)]
public sealed class SambaCollection : ICollectionFixture<SambaLab>
{
    public const string Name = "samba lab";
}
