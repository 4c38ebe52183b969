using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Tests.Findings;

public sealed class ExposureIndexTests
{
    readonly ExposureIndex _index = ExposureFindingsTests.Sample().CreateIndex();

    [Theory]
    [InlineData("svc_sql", null, true)]
    [InlineData("SVC_SQL", null, true)]
    [InlineData(@"CORP\svc_sql", null, true)]
    [InlineData("svc_sql", "corp.example", true)]
    [InlineData("svc_sql", "CORP", true)]
    [InlineData("svc_sql", "-", true)]
    [InlineData("svc_sql@corp.example", null, true)]
    [InlineData("svc_sql@CORP.EXAMPLE", null, true)]
    [InlineData(@"OTHER\svc_sql", null, false)]
    [InlineData("svc_sql", "OTHER", false)]
    [InlineData("svc_sq", null, false)]
    public void FindAccount(string account, string? domain, bool found) =>
        Assert.Equal(found, _index.FindAccount(account, domain).Any(f => f.Id == FindingIds.Kerberoastable));

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.5:3389", true)]
    [InlineData("RDS01", true)]
    [InlineData("rds01.corp.example", true)]
    [InlineData("rds01.other.example", true)]   // first label matches: NetBIOS-style host names in events
    [InlineData("10.0.0.6", false)]
    [InlineData("rds02", false)]
    public void FindHost(string host, bool found) =>
        Assert.Equal(found, _index.FindHost(host).Any(f => f.Id == FindingIds.NlaNotEnforced));

    [Fact]
    public void Sids_MatchTheirAccount_Only()
    {
        var doc = ExposureFindingsTests.Sample();
        const string Sid = "S-1-5-21-1111-2222-3333-1104";
        var first = doc.Findings[0] with { Subject = doc.Findings[0].Subject with { Sid = Sid } };
        var index = new ExposureIndex([first, .. doc.Findings.Skip(1)]);
        Assert.Equal(FindingIds.Kerberoastable, Assert.Single(index.FindSid(Sid)).Id);
        Assert.Equal(FindingIds.Kerberoastable, Assert.Single(index.FindSid(" s-1-5-21-1111-2222-3333-1104 ")).Id);
        Assert.Empty(index.FindSid("S-1-5-21-1111-2222-3333-1105"));
    }

    [Fact]
    public void ComputerAccounts_MatchAsAccountsAndHosts()
    {
        Assert.Single(_index.FindAccount(@"CORP\SRV01$"));
        Assert.Single(_index.FindHost("srv01.corp.example"));
    }
}
