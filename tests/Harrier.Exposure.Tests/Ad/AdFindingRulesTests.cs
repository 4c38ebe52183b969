using Harrier.Exposure.Ad;
using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Tests.Ad;

/// <summary>Rule edges the Samba lab cannot reach (primaryGroupID, nesting cycles, thresholds), on a hand-made snapshot.</summary>
public sealed class AdFindingRulesTests
{
    const string Domain = "S-1-5-21-1-2-3";
    static readonly DateTimeOffset Now = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    static readonly AdAuditOptions Options = new() { Server = "dc", BaseDn = "DC=corp,DC=example" };

    static AdAccount User(string name, int rid, UserAccountControl uac = UserAccountControl.NormalAccount, int? primaryGroup = 513,
        DateTimeOffset? pwdLastSet = null, DateTimeOffset? lastLogon = null, DateTimeOffset? created = null) => new()
    {
        DistinguishedName = $"CN={name},CN=Users,DC=corp,DC=example",
        SamAccountName = name,
        Sid = $"{Domain}-{rid}",
        IsComputer = false,
        Uac = uac,
        PrimaryGroupId = primaryGroup,
        PasswordLastSet = pwdLastSet ?? Now.AddDays(-10),
        LastLogon = lastLogon,
        WhenCreated = created ?? Now.AddDays(-10),
    };

    static AdGroup Group(string name, string sid, params string[] members) =>
        new($"CN={name},CN=Users,DC=corp,DC=example", name, sid, members.Select(m => $"CN={m},CN=Users,DC=corp,DC=example").ToList());

    static IReadOnlyList<ExposureFinding> Evaluate(AdAccount[] accounts, AdGroup[] groups) =>
        AdFindingRules.Evaluate(new AdSnapshot
        {
            BaseDn = "DC=corp,DC=example", DnsDomain = "corp.example", NetbiosDomain = "CORP", DomainSid = Domain,
            Accounts = accounts, Groups = groups,
        }, Now, Options);

    static string[] Subjects(IReadOnlyList<ExposureFinding> f, string id) => [.. f.Where(x => x.Id == id).Select(x => x.Subject.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void PrimaryGroup_AndNestingCycles_MakeMembersPrivileged()
    {
        var findings = Evaluate(
            [User("viaprimary", 1101, primaryGroup: 512), User("nested", 1102), User("plain", 1103)],
            [
                Group("Domain Admins", $"{Domain}-512"),
                Group("Administrators", "S-1-5-32-544", "LoopA"),
                Group("LoopA", $"{Domain}-2001", "LoopB"),
                Group("LoopB", $"{Domain}-2002", "LoopA", "nested"),   // a cycle must not hang or duplicate
            ]);
        Assert.Equal(["nested", "viaprimary"], Subjects(findings, FindingIds.PrivilegedMember));
        Assert.Equal("primaryGroupID 512 → Domain Admins",
            findings.Single(f => f.Id == FindingIds.PrivilegedMember && f.Subject.Name == "viaprimary").EvidenceValue("privileged via"));
        Assert.Equal("LoopB → LoopA → Administrators",
            findings.Single(f => f.Id == FindingIds.PrivilegedMember && f.Subject.Name == "nested").EvidenceValue("privileged via"));
    }

    [Fact]
    public void NestedProtectedUsers_Protects()
    {
        var findings = Evaluate(
            [User("admin1", 1101), User("admin2", 1102)],
            [
                Group("Domain Admins", $"{Domain}-512", "admin1", "admin2"),
                Group("Protected Users", $"{Domain}-525", "Tier0"),
                Group("Tier0", $"{Domain}-2001", "admin2"),
            ]);
        Assert.Equal(["admin1"], Subjects(findings, FindingIds.PrivilegedNotProtected));
        Assert.Equal(["admin1"], Subjects(findings, FindingIds.PrivilegedDelegable));
    }

    [Theory]
    [InlineData(100, null)]
    [InlineData(200, Severity.Low)]
    [InlineData(400, Severity.Medium)]
    [InlineData(1200, Severity.High)]
    public void KrbtgtAge_ScalesSeverity(int days, Severity? expected)
    {
        var krbtgt = User("krbtgt", 502, UserAccountControl.NormalAccount | UserAccountControl.AccountDisable, pwdLastSet: Now.AddDays(-days));
        var f = Evaluate([krbtgt], []).SingleOrDefault(x => x.Id == FindingIds.KrbtgtPasswordAge);
        Assert.Equal(expected, f?.Severity);
    }

    [Fact]
    public void Inactive_NeedsNoLogonAndNoPasswordChange()
    {
        var old = Now.AddDays(-400);
        var findings = Evaluate(
            [
                User("never_logged_old", 1101, pwdLastSet: old, created: old),
                User("never_logged_new", 1102, pwdLastSet: old, created: Now.AddDays(-5)),
                User("old_logon_new_pwd", 1103, pwdLastSet: Now.AddDays(-5), lastLogon: old),
                User("old_both", 1104, pwdLastSet: old, lastLogon: old),
                User("old_disabled", 1105, UserAccountControl.NormalAccount | UserAccountControl.AccountDisable, pwdLastSet: old, lastLogon: old),
            ], []);
        Assert.Equal(["never_logged_old", "old_both"], Subjects(findings, FindingIds.Inactive));
    }
}
