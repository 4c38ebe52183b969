using System.IO.Compression;
using System.Text;
using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Testing;

namespace Harrier.Evtx.Tests.Json;

public class EvtxJsonReaderTests
{
    const string SecurityEvent = """
        {"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},"System":{"Provider":{"#attributes":{"Name":"Service Control Manager","Guid":"555908D1-A6D7-4695-8E1E-26931D2012F4","EventSourceName":"Service Control Manager"}},"EventID":{"#attributes":{"Qualifiers":16384},"#text":7045},"Version":0,"Level":4,"Task":0,"Opcode":0,"Keywords":"0x8080000000000000","TimeCreated":{"#attributes":{"SystemTime":"2019-03-19T23:34:38.501419Z"}},"EventRecordID":2184,"Correlation":null,"Execution":{"#attributes":{"ProcessID":504,"ThreadID":1980}},"Channel":"System","Computer":"PC01.example.corp","Security":{"#attributes":{"UserID":"S-1-5-21-1-2-3-1001"}}},"EventData":{"Service Name":"p\u00e9\"x\\y","ImagePath":"C:\\Windows\\x.exe","Enabled":false,"Size":3199.234,"Empty":"","Nothing":null}}}
        """;

    static EventFields ReadOne(string json)
    {
        using var reader = new EvtxJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(json)), "t.jsonl");
        var f = new EventFields();
        Assert.True(reader.Read(f), string.Join("; ", reader.Errors));
        return f;
    }

    static List<string> All(EventFields f, string name)
    {
        var values = new List<string>();
        var id = FieldNames.Intern(name);
        for (var i = f.IndexOf(id, 0); i >= 0; i = f.IndexOf(id, i + 1)) values.Add(f.Value(i).ToString());
        return values;
    }

    [Fact]
    public void System_fields_follow_the_flattening_rules()
    {
        var f = ReadOne(SecurityEvent);
        Assert.Equal(7045, f.EventId);
        Assert.Equal(2184UL, f.RecordId);
        Assert.Equal(new DateTime(2019, 3, 19, 23, 34, 38, DateTimeKind.Utc).AddTicks(5014190).ToFileTimeUtc(), f.TimeCreated);
        Assert.Equal("7045", f.GetString("EventID"));
        Assert.Equal("16384", f.GetString("EventID_Qualifiers"));
        Assert.Equal("Service Control Manager", f.GetString("Provider_Name"));
        Assert.Equal("555908D1-A6D7-4695-8E1E-26931D2012F4", f.GetString("Provider_Guid"));
        Assert.Equal("504", f.GetString("Execution_ProcessID"));
        Assert.Equal("S-1-5-21-1-2-3-1001", f.GetString("Security_UserID"));
        Assert.Equal("2019-03-19T23:34:38.501419Z", f.GetString("TimeCreated_SystemTime"));
        Assert.Equal("0x8080000000000000", f.GetString("Keywords"));
        Assert.Equal("System", f.GetString("Channel"));
        Assert.Equal("2184", f.GetString("EventRecordID"));
        Assert.Null(f.GetString("Correlation"));
        Assert.Null(f.GetString("xmlns"));
        Assert.Null(f.GetString("Event_xmlns"));
    }

    [Fact]
    public void EventData_names_lose_spaces_and_values_keep_their_rendered_text()
    {
        var f = ReadOne(SecurityEvent);
        Assert.Equal("pé\"x\\y", f.GetString("ServiceName"));
        Assert.Null(f.GetString("Service Name"));
        Assert.Equal(@"C:\Windows\x.exe", f.GetString("ImagePath"));
        Assert.Equal("false", f.GetString("Enabled"));
        Assert.Equal("3199.234", f.GetString("Size"));
        Assert.Equal("", f.GetString("Empty"));
        Assert.Null(f.GetString("Nothing")); // null values are left out, as the EVTX reader does
    }

    [Fact]
    public void Unnamed_Data_is_one_multi_valued_field()
    {
        var f = ReadOne("""{"Event":{"System":{"EventID":1000,"Channel":"Application"},"EventData":{"Data":{"#text":["MsMpEng.exe","4.18",null,"mpengine.dll"]},"Binary":"4E00"}}}""");
        Assert.Equal(["MsMpEng.exe", "4.18", "mpengine.dll"], All(f, "Data"));
        Assert.Equal("4E00", f.GetString("Binary"));
        var single = ReadOne("""{"Event":{"System":{"EventID":1},"EventData":{"Data":{"#text":"only"}}}}""");
        Assert.Equal(["only"], All(single, "Data"));
    }

    [Fact]
    public void UserData_children_are_fields_by_leaf_name()
    {
        var f = ReadOne("""
            {"Event":{"System":{"EventID":5858,"Channel":"Microsoft-Windows-WMI-Activity/Operational"},"UserData":{"Operation_ClientFailure":{"#attributes":{"xmlns":"http://manifests.microsoft.com/win/2006/windows/WMI"},"Id":"{0}","ClientProcessId":25920,"Operation":"Start IWbemServices::ExecQuery","Nested":{"Inner":"deep","Leaf":{"#attributes":{"name":"n1"},"#text":"t1"}}}}}}
            """);
        Assert.Equal(5858, f.EventId);
        Assert.Equal("25920", f.GetString("ClientProcessId"));
        Assert.Equal("Start IWbemServices::ExecQuery", f.GetString("Operation"));
        Assert.Equal("deep", f.GetString("Inner"));
        Assert.Equal("t1", f.GetString("Leaf"));
        Assert.Equal("n1", f.GetString("Leaf_name"));
        Assert.Null(f.GetString("Operation_ClientFailure"));
    }

    [Fact]
    public void Bad_lines_are_reported_with_file_and_line_and_skipped()
    {
        var text = string.Join('\n',
            """{"Event":{"System":{"EventID":1,"EventRecordID":1}}}""",
            """{"Event":{"System":{"EventID":2,"EventRecordID":2}""",
            """not json at all""",
            """{"Event":{"System":{"EventID":4,"EventRecordID":4}}}""",
            """{"NoEvent":{}}""",
            """{"Event":{"System":{"EventID":6,"EventRecordID":6}},}""",
            """{"Event":{"System":{"EventID":7,"EventRecordID":7}}}""",
            """{"Event":{"System":{"EventID":8""");
        using var reader = new EvtxJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "bad.jsonl");
        var f = new EventFields();
        var ids = new List<ulong>();
        var lines = new List<long>();
        while (reader.Read(f))
        {
            ids.Add(f.RecordId);
            lines.Add(reader.CurrentLine);
        }
        Assert.Equal([1UL, 4UL, 7UL], ids);
        Assert.Equal([1L, 4L, 7L], lines);
        Assert.Equal(3, reader.EventsRead);
        Assert.Equal(5, reader.EventsFailed);
        Assert.Equal([2L, 3L, 5L, 6L, 8L], reader.Errors.Select(e => e.Line));
        Assert.All(reader.Errors, e => Assert.StartsWith("bad.jsonl:", e.ToString()));
    }

    [Fact]
    public void Pretty_printed_concatenated_objects_and_gzip_are_read()
    {
        var pretty = "{\n  \"Event\": {\n    \"System\": {\"EventID\": 1, \"EventRecordID\": 10}\n  }\n}\n{\n  \"Event\": {\n    \"System\": {\"EventID\": 2}\n  }\n}\n";
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(pretty));
        ms.Position = 0;
        using var reader = new EvtxJsonReader(ms, "p.json.gz");
        var f = new EventFields();
        Assert.True(reader.Read(f));
        Assert.Equal(1, f.EventId);
        Assert.Equal(1, reader.CurrentLine);
        Assert.True(reader.Read(f));
        Assert.Equal(2, f.EventId);
        Assert.Equal(6, reader.CurrentLine);
        Assert.False(reader.Read(f));
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public void An_event_larger_than_the_initial_buffer_is_read_whole()
    {
        var big = new string('x', 300_000);
        var f = ReadOne("{\"Event\":{\"System\":{\"EventID\":4104},\"EventData\":{\"ScriptBlockText\":\"" + big + "\"}}}");
        Assert.Equal(big.Length, f.GetString("ScriptBlockText")!.Length);
    }

    [Fact]
    public void Every_reference_rendering_reads_without_error()
    {
        var root = SharedData.Path("reference");
        var files = Directory.GetFiles(root, "*.jsonl.gz", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        var f = new EventFields();
        long total = 0;
        foreach (var file in files)
        {
            long lines;
            using (var s = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress)))
            {
                lines = 0;
                while (s.ReadLine() is { Length: > 0 }) lines++;
            }
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(f))
            {
                Assert.True(f.EventId >= 0 || f.GetString("EventID") is null, $"{file}:{reader.CurrentLine}");
                Assert.NotEqual(0, f.Count);
            }
            Assert.Empty(reader.Errors);
            Assert.Equal(lines, reader.EventsRead);
            total += lines;
        }
        Assert.True(total > 10_000);
    }

    [Fact]
    public void SigmaHQ_regression_json_holds_the_same_events_as_the_reference_jsonl()
    {
        var root = SharedData.Path("sigma", "regression_data");
        var f = new EventFields();
        var cases = 0;
        foreach (var json in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, json);
            var jsonl = SharedData.Path("reference", "sigma-regression", Path.ChangeExtension(rel, ".evtx") + ".jsonl.gz");
            if (!File.Exists(jsonl)) continue;
            var a = Fingerprints(EvtxJsonReader.Open(json), f);
            var b = Fingerprints(EvtxJsonReader.Open(jsonl), f);
            Assert.Equal(b, a);
            cases++;
        }
        Assert.True(cases >= 200, $"only {cases} regression cases found");
    }

    static List<string> Fingerprints(EvtxJsonReader reader, EventFields f)
    {
        using (reader)
        {
            var list = new List<string>();
            while (reader.Read(f))
            {
                var sb = new StringBuilder().Append(f.RecordId).Append('|').Append(f.EventId).Append('|').Append(f.TimeCreated / 10);
                var pairs = new List<string>();
                // The .json files come from another renderer: it trims trailing spaces, writes SystemTime with
                // 100 ns digits (compared above at microseconds) and once differs in letter case.
                for (var i = 0; i < f.Count; i++)
                    if (FieldNames.Name(f.FieldId(i)) != "TimeCreated_SystemTime")
                        pairs.Add(FieldNames.Name(f.FieldId(i)) + "=" + f.Value(i).TrimEnd().ToString().ToUpperInvariant());
                pairs.Sort(StringComparer.Ordinal);
                list.Add(sb.Append('|').AppendJoin('|', pairs).ToString());
            }
            Assert.Empty(reader.Errors);
            return list;
        }
    }
}
