using Harrier.Evtx.Events;
using Harrier.Sigma.Correlations;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Tests.Correlations;

/// <summary>
/// The engine keeps each group's window aggregate up to date as events arrive; these streams (bursts,
/// duplicates, equal times, out-of-order events, expiry, chained correlations) must give exactly the alerts
/// of recounting every window from scratch.
/// </summary>
public class IncrementalWindowTests
{
    static readonly long T0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).ToFileTimeUtc();

    const string Yaml = """
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
        title: Explicit credentials
        id: 00000000-0000-0000-0000-0000000000f3
        name: explicit
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4648
            condition: selection
        ---
        title: Burst
        id: 00000000-0000-0000-0000-0000000000c1
        name: burst
        correlation:
            type: event_count
            rules: [failed_logon]
            group-by: [IpAddress]
            timespan: 2m
            condition:
                gte: 6
        ---
        title: Spray
        id: 00000000-0000-0000-0000-0000000000c2
        correlation:
            type: value_count
            rules: [failed_logon, explicit]
            group-by: [IpAddress]
            timespan: 5m
            condition:
                field: TargetUserName
                gte: 4
        ---
        title: All three
        id: 00000000-0000-0000-0000-0000000000c3
        correlation:
            type: temporal
            rules: [failed_logon, successful_logon, explicit]
            group-by: [TargetUserName]
            timespan: 90s
        ---
        title: Burst then success
        id: 00000000-0000-0000-0000-0000000000c4
        correlation:
            type: temporal_ordered
            rules: [burst, explicit, successful_logon]
            group-by: [IpAddress]
            timespan: 10m
        ---
        title: Bytes
        id: 00000000-0000-0000-0000-0000000000c5
        correlation:
            type: value_sum
            rules: [successful_logon]
            group-by: [TargetUserName]
            timespan: 3m
            condition:
                field: Bytes
                gte: 400
        ---
        title: Few in a window
        id: 00000000-0000-0000-0000-0000000000c6
        correlation:
            type: event_count
            rules: [explicit]
            group-by: [TargetUserName]
            timespan: 1m
            condition:
                gte: 2
                lt: 4
        """;

    static List<EventFields> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var events = new List<EventFields>();
        var seconds = 0;
        for (var i = 0; i < count; i++)
        {
            // mostly forward in small steps, often the same second (copies), now and then a long gap or a late event
            var roll = random.Next(100);
            seconds += roll < 40 ? 0 : roll < 95 ? random.Next(1, 20) : random.Next(300, 2000);
            var at = random.Next(100) < 5 ? Math.Max(0, seconds - random.Next(1, 200)) : seconds;
            var e = new EventFields();
            var eventId = random.Next(10) switch { < 6 => 4625, < 8 => 4624, _ => 4648 };
            e.Add("Channel", "Security");
            e.Add("EventID", eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            e.Add("IpAddress", "10.0.0." + random.Next(3));
            e.Add("TargetUserName", "user" + random.Next(6));
            e.Add("Bytes", (random.Next(20) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            e.EventId = eventId;
            e.TimeCreated = T0 + at * TimeSpan.TicksPerSecond;
            e.RecordId = (ulong)(i + 1);
            events.Add(e);
        }
        return events;
    }

    static List<string> Run(CompiledRuleSet compiled, List<EventFields> events, bool incremental)
    {
        var matcher = compiled.CreateMatcher();
        var engine = new CorrelationEngine(compiled, new CorrelationOptions { IncrementalWindows = incremental, Lateness = TimeSpan.FromMinutes(1) });
        var hits = new List<RuleHit>();
        var alerts = new List<CorrelationAlert>();
        foreach (var e in events)
        {
            hits.Clear();
            matcher.Match(e, hits);
            engine.Process(e, hits, alerts);
        }
        engine.Flush(alerts);
        return [.. alerts.Select(a =>
            $"{a.Correlation.Info.Id} {a.FirstTime - T0} {a.LastTime - T0} {a.Value} {string.Join(',', a.Group.Select(g => g.Value))} [{string.Join(',', a.Events.Select(x => x.RecordId))}]")];
    }

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(2, 5_000)]
    [InlineData(3, 5_000)]
    [InlineData(4, 20_000)]
    public void Incremental_windows_raise_exactly_the_alerts_of_recounting(int seed, int count)
    {
        var set = SigmaRuleSet.Parse(Yaml);
        Assert.Empty(set.Diagnostics);
        var compiled = SigmaCompiler.Compile(set);
        Assert.Empty(compiled.Unused);
        var events = Stream(seed, count);
        var expected = Run(compiled, events, incremental: false);
        var actual = Run(compiled, events, incremental: true);
        // every correlation type fires somewhere in these streams, so the comparison covers each of them
        foreach (var id in new[] { "c1", "c2", "c3", "c4", "c5", "c6" })
            Assert.True(expected.Any(a => a.StartsWith("00000000-0000-0000-0000-0000000000" + id, StringComparison.Ordinal)), id + " never fired");
        Assert.Equal(expected, actual);
    }
}
