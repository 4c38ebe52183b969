using Harrier.Testing;
using System.Text;
using System.Text.Json;

namespace Harrier.Cli.Tests.Hunting;

/// <summary>
/// Hostile values in events (formula injection, control characters, very long fields) come out of
/// <c>harrier hunt</c> inert in CSV and intact in JSONL.
/// </summary>
public class HuntPayloadTests
{
    const string Injection = "=cmd|' /C calc'!A0";

    static string Event(string user, string sid, string computer) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["Event"] = new Dictionary<string, object>
        {
            ["System"] = new Dictionary<string, object>
            {
                ["Provider"] = new Dictionary<string, object> { ["#attributes"] = new Dictionary<string, string> { ["Name"] = "Microsoft-Windows-Security-Auditing" } },
                ["EventID"] = 4720,
                ["EventRecordID"] = 77,
                ["Channel"] = "Security",
                ["Computer"] = computer,
                ["TimeCreated"] = new Dictionary<string, object> { ["#attributes"] = new Dictionary<string, string> { ["SystemTime"] = "2024-05-01T10:00:00.000000Z" } },
            },
            ["EventData"] = new Dictionary<string, string>
            {
                ["TargetUserName"] = user,
                ["TargetDomainName"] = "CORP",
                ["TargetSid"] = sid,
                ["SubjectUserName"] = "admin",
            },
        },
    });

    [Fact]
    public void Payloads_are_inert_in_csv_and_intact_in_jsonl()
    {
        var dir = Directory.CreateTempSubdirectory("harrier-hunt-payload").FullName;
        try
        {
            var control = "a\u0001b\u001fc\r\nd\te";
            var longSid = "S-1-5-21-" + new string('9', 70_000);
            var input = Path.Combine(dir, "payload.jsonl");
            File.WriteAllText(input, Event(Injection, longSid, "+HOST") + "\n" + Event(control, "S-1-5-21-1", "@HOST") + "\n", new UTF8Encoding(false));
            var csv = Path.Combine(dir, "out.csv");
            var jsonl = Path.Combine(dir, "out.jsonl");
            var r = HarrierProcess.Run("hunt", input, "--csv", csv, "--jsonl", jsonl, "-q");
            Assert.True(r.ExitCode == 0, r.Stderr);

            var rows = StrictCsv.Parse(File.ReadAllText(csv)).Skip(1).ToArray();
            Assert.Equal(2, rows.Length);
            Assert.All(rows, row => Assert.Equal("User account created", row[5]));
            Assert.All(rows, row => Assert.DoesNotContain(row, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r'));
            Assert.Contains(rows, row => row[1] == "'+HOST" && row[6].Contains(Injection, StringComparison.Ordinal) && row[6].Contains(longSid, StringComparison.Ordinal));
            // Details is one line: control characters appear as visible escapes.
            Assert.Contains(rows, row => row[1] == "'@HOST" && row[6].Contains("a\\x01b\\x1Fc\\r\\nd\\te", StringComparison.Ordinal));
            Assert.All(rows, row => Assert.DoesNotContain(row[6], ch => char.IsControl(ch)));

            var lines = File.ReadAllLines(jsonl);
            Assert.Equal(3, lines.Length);
            var users = lines[..2].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("fields").GetProperty("TargetUserName").GetString()).ToArray();
            Assert.Contains(Injection, users);
            Assert.Contains(control, users);
            Assert.Contains(lines[..2], l => JsonDocument.Parse(l).RootElement.GetProperty("fields").GetProperty("TargetSid").GetString() == longSid);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
