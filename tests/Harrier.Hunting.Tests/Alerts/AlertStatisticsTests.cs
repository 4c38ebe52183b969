using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;

namespace Harrier.Hunting.Tests.Alerts;

public class AlertStatisticsTests
{
    [Fact]
    public void Counts_levels_hosts_accounts_and_time_span()
    {
        var high = AlertTestData.Rule with { Id = "h", Title = "High one", Level = AlertLevel.High };
        var b = new AlertStatisticsBuilder();
        b.Add(AlertTestData.Make(time: 30, computer: "DC1", fields: [new("TargetUserName", "alice")]));
        b.Add(AlertTestData.Make(time: 10, computer: "DC1", fields: [new("TargetUserName", "-"), new("SubjectUserName", "bob")]));
        b.Add(AlertTestData.Make(time: 20, computer: "WS7", rule: high, fields: [new("TargetUserName", "alice")]));
        var s = b.Build();
        Assert.Equal(3, s.Total);
        Assert.Equal(2, s.Count(AlertLevel.Medium));
        Assert.Equal(1, s.Count(AlertLevel.High));
        Assert.Equal(0, s.Count(AlertLevel.Critical));
        Assert.Equal([new NameCount("DC1", 2), new NameCount("WS7", 1)], s.TopHosts);
        Assert.Equal([new NameCount("alice", 2), new NameCount("bob", 1)], s.TopAccounts);
        Assert.Equal("Test rule", s.TopRules[0].Title);
        Assert.Equal(2, s.TopRules[0].Count);
        Assert.Equal(10, s.FirstTime);
        Assert.Equal(30, s.LastTime);
    }
}
