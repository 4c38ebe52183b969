using System.Text;
using System.Text.Json;
using Harrier.Hunting.Alerts;
using Harrier.Hunting.Scanning;
using Harrier.Output.Alerts;
using Harrier.Testing;

namespace Harrier.Output.Tests;

public class AlertsWriterTests
{
    const string Injection = "=cmd|' /C calc'!A0";
    static readonly string Long = new('x', 100_000);

    static readonly AlertRule Rule = new("6f1c2b1e-0000-4000-8000-00000000abcd", "Password guessing, \"quoted\"", AlertLevel.High,
        "stable", ["attack.credential-access", "attack.t1110.001"], RuleOrigin.BuiltIn, "builtin:logon/x.yml");

    static Alert Make(string user, string details, ulong record = 7) => new()
    {
        TimeCreated = new DateTimeOffset(2019, 4, 30, 19, 27, 0, 297, TimeSpan.Zero).ToFileTime() + 4500,
        Computer = "DC1",
        Channel = "Security",
        Provider = "Microsoft-Windows-Security-Auditing",
        EventId = 4625,
        RecordId = record,
        File = "logs/a,b.evtx",
        Rule = Rule,
        Level = AlertLevel.High,
        Details = details,
        Fields = [new("EventID", "4625"), new("TargetUserName", user), new("Data", "one"), new("Data", "two")],
    };

    [Fact]
    public void Csv_is_rfc4180_and_neutralises_formulas_but_keeps_the_text()
    {
        var sw = new StringWriter();
        using (var w = new AlertCsvWriter(sw, AlertTimeFormat.Utc))
        {
            w.Write(Make("u", Injection));
            w.Write(Make("u", "+1\r\nline2\t\"q\"," + Long));
            w.Write(Make("u", "@SUM(A1)"));
            w.Write(Make("u", "-2+3"));
            w.Write(Make("u", "\tTAB"));
            w.Write(Make("u", "plain"));
        }
        var rows = StrictCsv.Parse(sw.ToString());
        Assert.Equal(7, rows.Count);
        Assert.Equal(AlertCsvWriter.Columns, rows[0]);
        Assert.All(rows, r => Assert.Equal(11, r.Length));
        Assert.Equal("2019-04-30T19:27:00.2974500+00:00", rows[1][0]);
        Assert.Equal("'" + Injection, rows[1][6]);
        Assert.Equal("'+1\r\nline2\t\"q\"," + Long, rows[2][6]);
        Assert.Equal("'@SUM(A1)", rows[3][6]);
        Assert.Equal("'-2+3", rows[4][6]);
        Assert.Equal("'\tTAB", rows[5][6]);
        Assert.Equal("plain", rows[6][6]);
        Assert.Equal("Password guessing, \"quoted\"", rows[1][5]);
        Assert.Equal("attack.credential-access attack.t1110.001", rows[1][9]);
        Assert.Equal("logs/a,b.evtx", rows[1][10]);
        Assert.All(rows.Skip(1), r => Assert.DoesNotContain(r, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r'));
    }

    [Fact]
    public void Csv_uses_the_chosen_time_zone()
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var sw = new StringWriter();
        using (var w = new AlertCsvWriter(sw, new AlertTimeFormat(tz))) w.Write(Make("u", "d"));
        Assert.StartsWith("2019-05-01T04:27:00.2974500+09:00,", StrictCsv.Parse(sw.ToString())[1][0] + ",", StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_lines_parse_and_keep_values_intact()
    {
        var odd = Injection + "\u0001\u001f\r\n\t<script>ü" + Long;
        var ms = new MemoryStream();
        var stats = new AlertStatisticsBuilder();
        using (var w = new AlertJsonlWriter(ms, AlertTimeFormat.Utc))
        {
            var a = Make(odd, "d");
            w.Write(a);
            stats.Add(a);
            w.WriteSummary(new ScanSummary(
                [new FileReconciliation("logs/a,b.evtx", InputFormat.Evtx, 4096, 10, 9, 1, 0, 0, 1, null, [new("offset 0x1000", "bad")])],
                3, [], stats.Build(), TimeSpan.Zero, []));
        }
        var text = Encoding.UTF8.GetString(ms.ToArray());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        var r = first.RootElement;
        foreach (var key in new[] { "message", "datetime", "timestamp_desc", "@timestamp" })
            Assert.Equal(JsonValueKind.String, r.GetProperty(key).ValueKind);
        Assert.Equal("2019-04-30T19:27:00.2974500Z", r.GetProperty("@timestamp").GetString());
        Assert.Equal(odd, r.GetProperty("fields").GetProperty("TargetUserName").GetString());
        Assert.Equal(["one", "two"], r.GetProperty("fields").GetProperty("Data").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("6f1c2b1e-0000-4000-8000-00000000abcd", r.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal(4625, r.GetProperty("event_id").GetInt32());
        using var footer = JsonDocument.Parse(lines[1]);
        var s = footer.RootElement.GetProperty("harrier_summary");
        Assert.Equal(10, s.GetProperty("records_read").GetInt64());
        Assert.Equal(1, s.GetProperty("failed").GetInt64());
        Assert.Equal(1, s.GetProperty("alerts_by_level").GetProperty("high").GetInt64());
        Assert.Equal("logs/a,b.evtx", s.GetProperty("per_file")[0].GetProperty("file").GetString());
        Assert.Equal("Scan Summary", footer.RootElement.GetProperty("timestamp_desc").GetString());
    }

    [Fact]
    public void Hunt_alerts_write_the_same_bytes_as_alerts_with_plain_fields()
    {
        // A hunt's alerts read their fields from the stored record (AlertFieldList, written from spans); the same
        // alerts with the fields copied into a plain array take the general path. Both must give the same lines.
        var dir = Directory.CreateTempSubdirectory("harrier-writer").FullName;
        try
        {
            using var result = HuntScanner.Run(new HuntOptions
            {
                Inputs = [SharedData.Corpus("deepbluecli")],
                SigmaPaths = [SharedData.Path("sigma", "rules", "windows", "builtin", "security")],
                Threads = 1,
                TempDirectory = dir,
            });
            var stored = new MemoryStream();
            var plain = new MemoryStream();
            var csvStored = new StringWriter();
            var csvPlain = new StringWriter();
            var count = 0;
            using (var a = new AlertJsonlWriter(stored, AlertTimeFormat.Utc))
            using (var b = new AlertJsonlWriter(plain, AlertTimeFormat.Utc))
            using (var c = new AlertCsvWriter(csvStored, AlertTimeFormat.Utc))
            using (var d = new AlertCsvWriter(csvPlain, AlertTimeFormat.Utc))
            {
                result.Emit(alert =>
                {
                    Assert.IsType<AlertFieldList>(alert.Fields);
                    var copy = alert with { Fields = [.. alert.Fields] };
                    a.Write(alert);
                    b.Write(copy);
                    c.Write(alert);
                    d.Write(copy);
                    count++;
                });
            }
            Assert.True(count > 1000, $"only {count} alerts");
            Assert.Equal(plain.ToArray(), stored.ToArray());
            Assert.Equal(csvPlain.ToString(), csvStored.ToString());
            // and the lines do carry the fields
            Assert.Contains("\"fields\":{\"", Encoding.UTF8.GetString(stored.ToArray()), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
