using System.Text;
using Harrier.Evtx.Events;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Details;
using Harrier.Hunting.Scanning;
using Harrier.Hunting.Sorting;
using Harrier.Testing;

namespace Harrier.Hunting.Tests.Sorting;

/// <summary>
/// The alert store keeps alerts as compact records, in memory up to a budget and in spilled runs past it: both
/// paths must give back the same alerts, field for field, in <see cref="AlertOrder"/>.
/// </summary>
public sealed class AlertStoreTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-alert-store").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly AlertRule[] Rules =
    [
        Rule("b-rule", "Second"),
        Rule("a-rule", "First"),
        Rule("a-rule", "First"), // same id and title as the previous one: the details decide
        Rule("", "No id"),
    ];

    static readonly string[] Files = ["logs/b.evtx", "logs/a.evtx", "zip.zip!x.evtx"];

    static AlertRule Rule(string id, string title) =>
        new(id, title, AlertLevel.Medium, "test", ["attack.t1110"], RuleOrigin.User, "x.yml");

    /// <summary>One synthetic event: (time, file, record, rules that fired, fields, details).</summary>
    sealed record Hit(long Time, int File, ulong Record, int[] RuleIndexes, (string Name, string Value)[] Fields, string Details, bool Carved);

    static List<Hit> Hits()
    {
        var random = new Random(7);
        var hits = new List<Hit>();
        string[] odd = ["", "-", "=cmd|' /C calc'!A0", "ünïcödé ✓", "lone \uD800 surrogate", "tab\tcr\rlf\n", new string('x', 5000)];
        for (var i = 0; i < 400; i++)
        {
            // few distinct times, files and record ids: many ties that the later keys must break
            var fields = new List<(string, string)>
            {
                ("EventID", (4624 + i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Computer", "HOST" + i % 4),
                ("Channel", "Security"),
                ("Provider_Name", "Microsoft-Windows-Security-Auditing"),
                ("TargetUserName", odd[random.Next(odd.Length)]),
                ("Data", "one"),
                ("Data", "two" + i),
            };
            if (i % 5 == 0) fields.RemoveAt(1); // no Computer
            var rules = Enumerable.Range(0, Rules.Length).Where(_ => random.Next(3) == 0).ToArray();
            if (rules.Length == 0) rules = [i % Rules.Length];
            hits.Add(new Hit(1000 + random.Next(20), random.Next(Files.Length), (ulong)random.Next(10), rules, [.. fields],
                "details " + random.Next(3), i % 7 == 0));
        }
        return hits;
    }

    static void Add(AlertStore store, Hit h)
    {
        var e = new EventFields { TimeCreated = h.Time, RecordId = h.Record, EventId = 4624, Carved = h.Carved };
        foreach (var (name, value) in h.Fields) e.Add(name, value);
        var details = new DetailsWriter();
        details.Append(h.Details);
        store.AddEvent(e, h.File, h.Record, h.RuleIndexes, details);
    }

    static string Describe(Alert a)
    {
        var sb = new StringBuilder();
        sb.Append($"{a.TimeCreated}|{a.Computer}|{a.Channel}|{a.Provider}|{a.EventId}|{a.RecordId}|{a.File}|{a.Rule.Id}|{a.Rule.Title}|{a.Level}|{a.Details}|{a.Carved}");
        foreach (var f in a.Fields) sb.Append('|').Append(f.Name).Append('=').Append(f.Value);
        if (a.Correlation is { } c)
        {
            sb.Append($"|corr {c.Type} {c.Value} {c.EventCount} {c.FirstTime} {c.LastTime} {string.Join(',', c.RuleIds)}");
            foreach (var g in c.GroupBy) sb.Append('|').Append(g.Name).Append(':').Append(g.Value);
        }
        return sb.ToString();
    }

    [Fact]
    public void Spilled_runs_and_memory_give_the_same_alerts_in_alert_order()
    {
        var context = new AlertStoreContext(Rules, Files);
        var hits = Hits();

        using var memory = new AlertStore(context, 1L << 30, _dir);
        foreach (var h in hits) Add(memory, h);
        var inMemory = AlertStore.Merge([memory]).ToList();
        Assert.Equal(0, memory.Runs);

        // Three stores (as three workers) with a budget so small that every event is spilled as its own run.
        var stores = Enumerable.Range(0, 3).Select(_ => new AlertStore(context, 1, _dir)).ToList();
        try
        {
            for (var i = 0; i < hits.Count; i++) Add(stores[i % 3], hits[i]);
            Assert.All(stores, s => Assert.True(s.Runs > 100));
            var spilled = AlertStore.Merge(stores).ToList();
            Assert.Equal(inMemory.Select(Describe), spilled.Select(Describe));
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
        Assert.Empty(Directory.GetFiles(_dir));

        // The same alerts made directly, sorted by AlertOrder: the store's order and content.
        var expected = hits.SelectMany(h => h.RuleIndexes.Select(r => new Alert
        {
            TimeCreated = h.Time,
            Computer = h.Fields.FirstOrDefault(f => f.Name == "Computer").Value ?? "",
            Channel = "Security",
            Provider = "Microsoft-Windows-Security-Auditing",
            EventId = 4624,
            RecordId = h.Record,
            File = Files[h.File],
            Rule = Rules[r],
            Level = Rules[r].Level,
            Details = h.Details,
            Fields = [.. h.Fields.Select(f => new AlertField(f.Name, f.Value))],
            Carved = h.Carved,
        })).Order(AlertOrder.Instance).ToList();
        Assert.Equal(hits.Sum(h => h.RuleIndexes.Length), inMemory.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(0, AlertOrder.Instance.Compare(expected[i], inMemory[i]));
        Assert.Equal(expected.Select(Describe).Order(StringComparer.Ordinal), inMemory.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Statistics_of_stored_alerts_equal_those_of_plain_ones()
    {
        var context = new AlertStoreContext(Rules, Files);
        using var store = new AlertStore(context, 1L << 30, _dir);
        foreach (var h in Hits()) Add(store, h);
        var stored = new AlertStatisticsBuilder();
        var plain = new AlertStatisticsBuilder();
        foreach (var a in AlertStore.Merge([store]))
        {
            stored.Add(a);
            plain.Add(a with { Fields = [.. a.Fields] });
        }
        var x = stored.Build(top: 100);
        var y = plain.Build(top: 100);
        Assert.True(y.TopAccounts.Count > 3);
        Assert.Equal(y.TopAccounts, x.TopAccounts);
        Assert.Equal(y.TopHosts, x.TopHosts);
        Assert.Equal(y.TopRules, x.TopRules);
        Assert.Equal(y.ByLevel, x.ByLevel);
    }

    [Fact]
    public void Stored_fields_read_like_plain_ones()
    {
        FieldNames.Intern("TargetUserName");
        var context = new AlertStoreContext(Rules, Files);
        using var store = new AlertStore(context, 1, _dir);
        Add(store, new Hit(5, 0, 1, [0], [("EventID", "4625"), ("targetusername", "=x"), ("Data", "a"), ("Data", "")], "d", false));
        var a = Assert.Single(AlertStore.Merge([store]));
        var fields = Assert.IsType<AlertFieldList>(a.Fields);
        // names come back as the event spelled them, not in the spelling interned first; lookups ignore case
        Assert.Equal(["EventID", "targetusername", "Data", "Data"], fields.Select(f => f.Name));
        Assert.Equal(FieldNames.Intern("TargetUserName"), fields.FieldId(1));
        Assert.Equal("=x", a.Field("TARGETUSERNAME"));
        Assert.Equal("a", a.Field("data"));
        Assert.Null(a.Field("IpAddress"));
        Assert.Null(a.Field("never-seen-field-name"));
        Assert.Equal("", fields[3].Value);
        Assert.Equal("", a.Computer);
        Assert.Throws<ArgumentOutOfRangeException>(() => fields[4]);
    }

    [Fact]
    public void Correlation_alerts_survive_a_spill()
    {
        var context = new AlertStoreContext(Rules, Files);
        using var store = new AlertStore(context, 1, _dir);
        // a field interned after another field's second spelling: its spelling id and field id differ, and the stored
        // alert must still name it
        FieldNames.Intern("CorrelationSpillTestWorkstation");
        FieldNames.InternSpelling("CORRELATIONSPILLTESTWORKSTATION");
        var late = FieldNames.Intern("CorrelationSpillTestLateField");
        Assert.NotEqual(late, FieldNames.CanonicalSpelling(late));
        var input = new CorrelationInput(50, 2, 9, 4625, true, [0],
            [(FieldNames.Computer, "DC1"), (FieldNames.Intern("IpAddress"), "203.0.113.5"), (late, "x")]);
        var correlation = new AlertCorrelation("event_count", [new AlertField("IpAddress", "203.0.113.5")], 12.5, 12, 40, 50, ["r1", "r2"]);
        store.AddCorrelation(40, input, 3, "IpAddress: 203.0.113.5", correlation);
        store.AddCorrelation(30, null, 1, "none", correlation with { GroupBy = [] });
        Assert.Equal(2, store.Runs);
        var alerts = AlertStore.Merge([store]).ToList();
        Assert.Equal(
        [
            "30||||-1|0||a-rule|First|Medium|none|False|corr event_count 12.5 12 40 50 r1,r2",
            "40|DC1|||4625|9|zip.zip!x.evtx||No id|Medium|IpAddress: 203.0.113.5|True|Computer=DC1|IpAddress=203.0.113.5|CorrelationSpillTestLateField=x|corr event_count 12.5 12 40 50 r1,r2|IpAddress:203.0.113.5",
        ], alerts.Select(Describe));
    }

    [Fact]
    public void Hunt_output_does_not_depend_on_the_budget_or_the_threads()
    {
        string[] Run(long budget, int threads)
        {
            using var result = HuntScanner.Run(new HuntOptions
            {
                Inputs = [SharedData.Corpus("deepbluecli")],
                SigmaPaths = [SharedData.Path("sigma", "rules", "windows", "builtin", "security")],
                Threads = threads,
                TempDirectory = _dir,
                SortBudgetBytes = budget,
                CorrelationBudgetBytes = budget,
                SegmentBytes = 64 * 1024,
            });
            var alerts = new List<string>();
            result.Emit(a => alerts.Add(Describe(a)));
            if (budget == 1) Assert.True(result.SpilledAlertRuns > 0);
            return [.. alerts];
        }

        var reference = Run(1L << 30, 1);
        Assert.True(reference.Length > 1000, $"only {reference.Length} alerts");
        Assert.Contains(reference, a => a.Contains("|corr ", StringComparison.Ordinal));
        Assert.Equal(reference, Run(1, 1));
        Assert.Equal(reference, Run(1, 2));
        Assert.Equal(reference, Run(1L << 30, 2));
    }

    /// <summary>
    /// Without the outputs that read every field (<see cref="HuntOptions.KeepEventFields"/> off), alerts keep only the
    /// summary's fields: the same alerts in the same order, the same statistics, fewer fields, spilled or not.
    /// </summary>
    [Fact]
    public void Summary_only_alerts_keep_their_order_statistics_and_the_summary_fields()
    {
        (List<Alert> Alerts, AlertStatistics Stats) Run(bool keep, long budget, bool sink = true)
        {
            using var result = HuntScanner.Run(new HuntOptions
            {
                Inputs = [SharedData.Corpus("deepbluecli"), SharedData.Corpus("evtx-attack-samples", "Credential Access")],
                SigmaPaths = [SharedData.Path("sigma", "rules", "windows", "builtin", "security")],
                Threads = 2,
                TempDirectory = _dir,
                SortBudgetBytes = budget,
                KeepEventFields = keep,
            });
            var alerts = new List<Alert>();
            var summary = result.Emit(sink ? a => alerts.Add(a with { Fields = [.. a.Fields] }) : null);
            return (alerts, summary.Alerts);
        }

        var all = Run(keep: true, 1L << 30);
        var few = Run(keep: false, 1L << 30);
        var spilled = Run(keep: false, 1);
        var summaryOnly = Run(keep: false, 1L << 30, sink: false);
        Assert.Empty(summaryOnly.Alerts);
        Assert.True(all.Alerts.Count > 1000, $"only {all.Alerts.Count} alerts");
        string[] kept = ["Computer", "Channel", "Provider_Name", .. AlertStatisticsBuilder.AccountFields];
        string Key(Alert a, bool onlyKept) =>
            Describe(a with { Fields = [.. a.Fields.Where(f => !onlyKept || kept.Contains(f.Name, StringComparer.OrdinalIgnoreCase) || a.Correlation is not null)] });
        Assert.Equal(all.Alerts.Select(a => Key(a, true)), few.Alerts.Select(a => Key(a, false)));
        Assert.Equal(few.Alerts.Select(a => Key(a, false)), spilled.Alerts.Select(a => Key(a, false)));
        Assert.True(few.Alerts.Sum(a => a.Fields.Count) * 3 < all.Alerts.Sum(a => a.Fields.Count), "the summary-only alerts should hold far fewer fields");
        Assert.Contains(few.Alerts, a => a.Fields.Any(f => f.Name == "TargetUserName"));
        foreach (var (x, y) in new[] { (all.Stats, few.Stats), (all.Stats, spilled.Stats), (all.Stats, summaryOnly.Stats) })
        {
            Assert.Equal(x.TopAccounts, y.TopAccounts);
            Assert.Equal(x.TopHosts, y.TopHosts);
            Assert.Equal(x.TopRules, y.TopRules);
            Assert.Equal(x.ByLevel, y.ByLevel);
            Assert.Equal((x.Total, x.FirstTime, x.LastTime), (y.Total, y.FirstTime, y.LastTime));
        }
    }
}
