using Harrier.Evtx.Events;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Tests.Correlations;

public class CorrelationTests
{
    static readonly long T0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).ToFileTimeUtc();

    const string Rules = """
        title: Failed logon
        id: 00000000-0000-0000-0000-0000000000f1
        name: failed_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        ---
        title: Successful logon
        id: 00000000-0000-0000-0000-0000000000f2
        name: successful_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            condition: selection
        ---
        title: Service installed
        id: 00000000-0000-0000-0000-0000000000f3
        name: service_installed
        logsource:
            product: windows
            service: system
        detection:
            selection:
                EventID: 7045
            condition: selection
        """;

    static string Correlation(string body, string extra = "") => Rules + $"""

        ---
        title: Correlation under test
        id: 00000000-0000-0000-0000-0000000000c1
        name: under_test
        level: high
        {extra}
        correlation:
        {string.Join('\n', body.Split('\n').Select(l => "    " + l))}
        """;

    static EventFields Ev(int seconds, int eventId, params string[] fields)
    {
        var e = new EventFields();
        var channel = eventId == 7045 ? "System" : "Security";
        e.Add("Channel", channel);
        e.Add("EventID", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var f in fields) e.Add(f[..f.IndexOf('=')], f.AsSpan(f.IndexOf('=') + 1));
        e.EventId = eventId;
        e.TimeCreated = T0 + seconds * TimeSpan.TicksPerSecond;
        e.RecordId = (ulong)(seconds + 1);
        return e;
    }

    static List<CorrelationAlert> Run(string yaml, params EventFields[] events) => Run(yaml, CorrelationOptions.Default, events);

    static List<CorrelationAlert> Run(string yaml, CorrelationOptions options, params EventFields[] events)
    {
        var set = SigmaRuleSet.Parse(yaml);
        Assert.Empty(set.Diagnostics);
        var compiled = SigmaCompiler.Compile(set);
        Assert.Empty(compiled.Unused);
        var matcher = compiled.CreateMatcher();
        var engine = new CorrelationEngine(compiled, options);
        var hits = new List<RuleHit>();
        var alerts = new List<CorrelationAlert>();
        foreach (var e in events)
        {
            hits.Clear();
            matcher.Match(e, hits);
            engine.Process(e, hits, alerts);
        }
        engine.Flush(alerts);
        Assert.Equal(0, engine.GroupCount);
        return alerts;
    }

    const string Count3In60s = "type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 60s\ncondition:\n    gte: 3";

    [Fact]
    public void Event_count_fires_when_the_count_is_reached_within_the_window()
    {
        var alerts = Run(Correlation(Count3In60s), Ev(0, 4625, "TargetUserName=bob"), Ev(30, 4625, "TargetUserName=bob"), Ev(60, 4625, "TargetUserName=bob"));
        var a = Assert.Single(alerts);
        Assert.Equal(3, a.Value);
        Assert.Equal("bob", a.Group.Single().Value);
        Assert.Equal(T0, a.FirstTime);
        Assert.Equal([1UL, 31UL, 61UL], a.Events.Select(x => x.RecordId));
    }

    [Fact]
    public void Window_edge_one_second_too_late_does_not_fire()
    {
        Assert.Empty(Run(Correlation(Count3In60s), Ev(0, 4625, "TargetUserName=bob"), Ev(30, 4625, "TargetUserName=bob"), Ev(61, 4625, "TargetUserName=bob")));
    }

    [Fact]
    public void Windows_slide_rather_than_tumble()
    {
        // buckets of 60 s starting at 0 would split these; a sliding window holds 50, 70, 100
        var alerts = Run(Correlation(Count3In60s), Ev(0, 4625, "TargetUserName=bob"), Ev(50, 4625, "TargetUserName=bob"), Ev(70, 4625, "TargetUserName=bob"), Ev(100, 4625, "TargetUserName=bob"));
        Assert.Single(alerts);
    }

    [Fact]
    public void Groups_are_counted_separately()
    {
        Assert.Empty(Run(Correlation(Count3In60s), Ev(0, 4625, "TargetUserName=bob"), Ev(1, 4625, "TargetUserName=alice"), Ev(2, 4625, "TargetUserName=bob")));
    }

    [Fact]
    public void Out_of_order_input_within_the_window_is_counted()
    {
        var alerts = Run(Correlation(Count3In60s), Ev(50, 4625, "TargetUserName=bob"), Ev(10, 4625, "TargetUserName=bob"), Ev(30, 4625, "TargetUserName=bob"));
        var a = Assert.Single(alerts);
        Assert.Equal(T0 + 10 * TimeSpan.TicksPerSecond, a.FirstTime);
    }

    [Fact]
    public void Events_missing_a_group_field_are_skipped_or_grouped_as_empty()
    {
        var events = new[] { Ev(0, 4625), Ev(1, 4625), Ev(2, 4625) };
        Assert.Empty(Run(Correlation(Count3In60s), events));
        var alerts = Run(Correlation(Count3In60s), new CorrelationOptions { MissingGroupField = MissingGroupField.GroupAsEmpty }, events);
        Assert.Null(Assert.Single(alerts).Group.Single().Value);
    }

    [Fact]
    public void Value_count_counts_distinct_values()
    {
        var yaml = Correlation("type: value_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 5m\ncondition:\n    field: TargetUserName\n    gte: 3");
        Assert.Empty(Run(yaml, Ev(0, 4625, "IpAddress=10.0.0.9", "TargetUserName=a"), Ev(1, 4625, "IpAddress=10.0.0.9", "TargetUserName=A"), Ev(2, 4625, "IpAddress=10.0.0.9", "TargetUserName=b")));
        Assert.Equal(3, Assert.Single(Run(yaml, Ev(0, 4625, "IpAddress=10.0.0.9", "TargetUserName=a"), Ev(1, 4625, "IpAddress=10.0.0.9", "TargetUserName=b"), Ev(2, 4625, "IpAddress=10.0.0.9", "TargetUserName=c"))).Value);
    }

    [Fact]
    public void Group_values_are_compared_without_case_and_keep_the_first_spelling()
    {
        var alerts = Run(Correlation(Count3In60s), Ev(0, 4625, "TargetUserName=Bob"), Ev(1, 4625, "TargetUserName=BOB"), Ev(2, 4625, "TargetUserName=bob"));
        Assert.Equal("Bob", Assert.Single(alerts).Group.Single().Value);
        // two group-by fields: the values are kept apart, so "a|bc" and "ab|c" are different groups
        var yaml = Correlation("type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName, IpAddress]\ntimespan: 60s\ncondition:\n    gte: 2");
        Assert.Empty(Run(yaml, Ev(0, 4625, "TargetUserName=a", "IpAddress=bc"), Ev(1, 4625, "TargetUserName=ab", "IpAddress=c")));
        Assert.Single(Run(yaml, Ev(0, 4625, "TargetUserName=a", "IpAddress=bc"), Ev(1, 4625, "TargetUserName=A", "IpAddress=BC")));
    }

    [Fact]
    public void The_oldest_group_is_dropped_beyond_the_group_limit()
    {
        var options = new CorrelationOptions { MaxGroups = 2 };
        // bob's first failure is dropped when carol's group is made, so bob has only two failures left
        Assert.Empty(Run(Correlation(Count3In60s), options, Ev(0, 4625, "TargetUserName=bob"), Ev(1, 4625, "TargetUserName=alice"),
            Ev(2, 4625, "TargetUserName=carol"), Ev(3, 4625, "TargetUserName=bob"), Ev(4, 4625, "TargetUserName=bob")));
        // alice is the oldest when carol arrives: bob keeps all three
        var a = Assert.Single(Run(Correlation(Count3In60s), options, Ev(0, 4625, "TargetUserName=alice"), Ev(1, 4625, "TargetUserName=bob"),
            Ev(2, 4625, "TargetUserName=carol"), Ev(3, 4625, "TargetUserName=bob"), Ev(4, 4625, "TargetUserName=bob")));
        Assert.Equal("bob", a.Group.Single().Value);
    }

    [Fact]
    public void Temporal_needs_every_rule_in_the_window_in_any_order()
    {
        var yaml = Correlation("type: temporal\nrules: [failed_logon, successful_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m");
        Assert.Single(Run(yaml, Ev(0, 4624, "TargetUserName=bob"), Ev(60, 4625, "TargetUserName=bob")));
        Assert.Empty(Run(yaml, Ev(0, 4624, "TargetUserName=bob"), Ev(60, 4625, "TargetUserName=alice")));
        Assert.Empty(Run(yaml, Ev(0, 4624, "TargetUserName=bob"), Ev(601, 4625, "TargetUserName=bob")));
    }

    [Fact]
    public void Temporal_ordered_needs_the_rules_order()
    {
        var yaml = Correlation("type: temporal_ordered\nrules: [failed_logon, successful_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m");
        Assert.Single(Run(yaml, Ev(0, 4625, "TargetUserName=bob"), Ev(60, 4624, "TargetUserName=bob")));
        Assert.Empty(Run(yaml, Ev(0, 4624, "TargetUserName=bob"), Ev(60, 4625, "TargetUserName=bob")));
    }

    [Fact]
    public void Value_sum_avg_and_percentile()
    {
        var sum = Correlation("type: value_sum\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1h\ncondition:\n    field: Bytes\n    gt: 100");
        Assert.Equal(120, Assert.Single(Run(sum, Ev(0, 4625, "TargetUserName=x", "Bytes=60"), Ev(10, 4625, "TargetUserName=x", "Bytes=0x3c"))).Value);
        var avg = Correlation("type: value_avg\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1h\ncondition:\n    field: Bytes\n    gte: 50");
        Assert.Single(Run(avg, Ev(0, 4625, "TargetUserName=x", "Bytes=60")));
        // an upper bound can only be decided when the window closes
        var avgLow = Correlation("type: value_avg\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1h\ncondition:\n    field: Bytes\n    lt: 50");
        var low = Assert.Single(Run(avgLow, Ev(0, 4625, "TargetUserName=x", "Bytes=10"), Ev(10, 4625, "TargetUserName=x", "Bytes=30")));
        Assert.Equal(20, low.Value);
        var p90 = Correlation("type: value_percentile\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 1h\ncondition:\n    field: Bytes\n    percentile: 90\n    gte: 900");
        var events = Enumerable.Range(1, 9).Select(i => Ev(i, 4625, "TargetUserName=x", $"Bytes={i * 100}")).ToArray();
        Assert.Equal(900, Assert.Single(Run(p90, events)).Value);
    }

    [Fact]
    public void Event_count_range_is_decided_at_window_close()
    {
        var yaml = Correlation("type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName]\ntimespan: 60s\ncondition:\n    gt: 1\n    lte: 2");
        Assert.Single(Run(yaml, Ev(0, 4625, "TargetUserName=bob"), Ev(5, 4625, "TargetUserName=bob")));
        Assert.Empty(Run(yaml, Ev(0, 4625, "TargetUserName=bob"), Ev(5, 4625, "TargetUserName=bob"), Ev(6, 4625, "TargetUserName=bob")));
    }

    [Fact]
    public void Aliases_join_different_fields_of_different_rules()
    {
        var yaml = Correlation("type: temporal\nrules: [failed_logon, service_installed]\ngroup-by: [host]\ntimespan: 5m\naliases:\n    host:\n        failed_logon: WorkstationName\n        service_installed: Computer");
        Assert.Single(Run(yaml, Ev(0, 4625, "WorkstationName=PC1"), Ev(30, 7045, "Computer=pc1")));
        Assert.Empty(Run(yaml, Ev(0, 4625, "WorkstationName=PC1"), Ev(30, 7045, "Computer=PC2")));
    }

    [Fact]
    public void Chained_correlations_and_generate()
    {
        // the spec's example: many failed logons (a correlation) followed by a success of the same user
        var yaml = Rules + """

            ---
            title: Many failed
            id: 00000000-0000-0000-0000-0000000000c2
            name: many_failed
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [TargetUserName]
                timespan: 10m
                condition:
                    gte: 3
            ---
            title: Brute force success
            id: 00000000-0000-0000-0000-0000000000c3
            correlation:
                type: temporal_ordered
                rules: [many_failed, successful_logon]
                group-by: [TargetUserName]
                timespan: 10m
            """;
        var events = new[] { Ev(0, 4625, "TargetUserName=bob"), Ev(10, 4625, "TargetUserName=bob"), Ev(20, 4625, "TargetUserName=bob"), Ev(30, 4624, "TargetUserName=bob") };
        var alerts = Run(yaml, events);
        Assert.Equal(["00000000-0000-0000-0000-0000000000c2", "00000000-0000-0000-0000-0000000000c3"], alerts.Select(a => a.Correlation.Info.Id));
        var compiled = SigmaCompiler.Compile(SigmaRuleSet.Parse(yaml));
        Assert.False(compiled.Find("failed_logon")!.Generates);
        Assert.False(compiled.Find("successful_logon")!.Generates);
        Assert.True(compiled.Find("service_installed")!.Generates);
        Assert.False(compiled.Correlations.Single(c => c.Info.Name == "many_failed").Generates);
        Assert.True(compiled.Correlations.Single(c => c.Info.Id!.EndsWith("c3")).Generates);
        var generating = SigmaCompiler.Compile(SigmaRuleSet.Parse(Correlation(Count3In60s + "\ngenerate: true")));
        Assert.True(generating.Find("failed_logon")!.Generates);
    }

    [Fact]
    public void State_expires_with_the_window()
    {
        var set = SigmaRuleSet.Parse(Correlation(Count3In60s));
        var compiled = SigmaCompiler.Compile(set);
        var matcher = compiled.CreateMatcher();
        var engine = new CorrelationEngine(compiled, new CorrelationOptions { Lateness = TimeSpan.Zero });
        var hits = new List<RuleHit>();
        var alerts = new List<CorrelationAlert>();
        for (var i = 0; i < 10_000; i++)
        {
            var e = Ev(i * 10, 4625, $"TargetUserName=user{i}");
            hits.Clear();
            matcher.Match(e, hits);
            engine.Process(e, hits, alerts);
        }
        Assert.Empty(alerts);
        Assert.True(engine.GroupCount < 100, $"{engine.GroupCount} groups live");
    }

    [Fact]
    public void Bad_correlations_are_reported()
    {
        var set = SigmaRuleSet.Parse(Correlation("type: event_count\nrules: [no_such_rule]\ngroup-by: [x]\ntimespan: 1m\ncondition:\n    gte: 1"));
        var compiled = SigmaCompiler.Compile(set);
        Assert.Contains(compiled.Unused, u => u.Reason.Contains("no_such_rule"));
        Assert.Contains("timespan", Assert.Single(SigmaRuleSet.Parse(Correlation("type: event_count\nrules: [failed_logon]\ntimespan: 5x\ncondition:\n    gte: 1")).Diagnostics).Reason);
    }
}
