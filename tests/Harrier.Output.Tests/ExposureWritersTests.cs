using System.Text;
using System.Text.Json;
using Harrier.Exposure.Findings;
using Harrier.Hunting.Alerts;
using Harrier.Output.Alerts;
using Harrier.Testing;

namespace Harrier.Output.Tests;

/// <summary>How exposure notes (hunt --exposure) come out in the CSV Exposure column and in JSONL.</summary>
public class ExposureWritersTests
{
    static readonly AlertRule Rule = new("ccf88b17-79a5-4e62-8ebc-bcf9ca2260f6", "Kerberoasting", AlertLevel.Medium,
        "stable", ["attack.credential-access"], RuleOrigin.BuiltIn, "builtin:ad/x.yml");

    static readonly ExposureLinker Linker = new(
    [
        new ExposureFinding
        {
            Id = FindingIds.Kerberoastable, Title = "User account with an SPN (Kerberoastable)", Severity = Severity.High, Fix = "f", Evidence = [],
            Subject = new ExposureSubject { Kind = SubjectKind.Account, Name = "sql101", SamAccountName = "sql101", Domain = "labcorp.local", NetbiosDomain = "LABCORP" },
        },
    ]);

    static Alert Make(string service) => Linker.Annotate(new Alert
    {
        TimeCreated = new DateTime(2021, 4, 29, 9, 0, 0, DateTimeKind.Utc).ToFileTimeUtc(),
        Computer = "DC-Server-1.labcorp.local",
        Channel = "Security",
        Provider = "Microsoft-Windows-Security-Auditing",
        EventId = 4769,
        RecordId = 38681,
        File = "k.evtx",
        Rule = Rule,
        Level = Rule.Level,
        Details = "d",
        Fields = [new("ServiceName", service)],
    });

    [Fact]
    public void Csv_adds_an_exposure_column_only_when_asked_and_keeps_the_other_eleven()
    {
        var with = new StringWriter();
        using (var w = new AlertCsvWriter(with, AlertTimeFormat.Utc, exposure: true))
        {
            w.Write(Make("sql101"));
            w.Write(Make("other"));
        }
        var rows = StrictCsv.Parse(with.ToString());
        Assert.Equal([.. AlertCsvWriter.Columns, "Exposure"], rows[0]);
        Assert.Equal("high", rows[1][4]);
        Assert.Equal("level raised from medium; AD-KERBEROAST/sql101@labcorp.local (high) via ServiceName=sql101", rows[1][11]);
        Assert.Equal(("medium", ""), (rows[2][4], rows[2][11]));

        var without = new StringWriter();
        using (var w = new AlertCsvWriter(without, AlertTimeFormat.Utc)) w.Write(Make("sql101"));
        var plain = StrictCsv.Parse(without.ToString());
        Assert.Equal(AlertCsvWriter.Columns, plain[0]);
        Assert.Equal(rows[1][..11], plain[1]);
    }

    [Fact]
    public void Jsonl_keeps_the_rule_level_and_lists_the_notes()
    {
        var ms = new MemoryStream();
        using (var w = new AlertJsonlWriter(ms, AlertTimeFormat.Utc))
        {
            w.Write(Make("sql101"));
            w.Write(Make("other"));
        }
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("high", lines[0].GetProperty("level").GetString());
        Assert.Equal("medium", lines[0].GetProperty("level_raised_from").GetString());
        Assert.Equal("medium", lines[0].GetProperty("rule").GetProperty("level").GetString());
        var note = Assert.Single(lines[0].GetProperty("exposure").EnumerateArray().ToArray());
        Assert.Equal("AD-KERBEROAST", note.GetProperty("finding_id").GetString());
        Assert.Equal("AD-KERBEROAST/sql101@labcorp.local", note.GetProperty("finding_key").GetString());
        Assert.Equal("ServiceName", note.GetProperty("field").GetString());
        Assert.Equal("sql101", note.GetProperty("subject").GetString());
        Assert.Equal("high", note.GetProperty("severity").GetString());
        Assert.False(lines[1].TryGetProperty("exposure", out _));
        Assert.False(lines[1].TryGetProperty("level_raised_from", out _));
    }
}
