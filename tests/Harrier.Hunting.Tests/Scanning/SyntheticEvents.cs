using System.Globalization;
using System.Text.Json;

namespace Harrier.Hunting.Tests.Scanning;

/// <summary>
/// Builds evtx_dump-layout JSONL events for rules the corpus has no sample for (lockout storms, logons from
/// public addresses, …). They go through the real JSON reader and the whole hunt pipeline.
/// </summary>
static class SyntheticEvents
{
    static readonly DateTime Start = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

    public static string Event(string channel, string provider, int eventId, int second, ulong recordId,
        IReadOnlyDictionary<string, string> data, string computer = "DC1.corp.example", bool userData = false)
    {
        var system = new Dictionary<string, object>
        {
            ["Provider"] = new Dictionary<string, object> { ["#attributes"] = new Dictionary<string, string> { ["Name"] = provider } },
            ["EventID"] = eventId,
            ["EventRecordID"] = recordId,
            ["Channel"] = channel,
            ["Computer"] = computer,
            ["TimeCreated"] = new Dictionary<string, object>
            {
                ["#attributes"] = new Dictionary<string, string>
                {
                    ["SystemTime"] = Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                },
            },
        };
        var ev = new Dictionary<string, object> { ["System"] = system };
        if (userData) ev["UserData"] = new Dictionary<string, object> { ["EventXML"] = data };
        else ev["EventData"] = data;
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["Event"] = ev });
    }

    public static string Security(int eventId, int second, ulong recordId, params (string, string)[] data) =>
        Event("Security", "Microsoft-Windows-Security-Auditing", eventId, second, recordId, data.ToDictionary(d => d.Item1, d => d.Item2));

    public static string Sysmon(int eventId, int second, ulong recordId, params (string, string)[] data) =>
        Event("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", eventId, second, recordId, data.ToDictionary(d => d.Item1, d => d.Item2), "WS7.corp.example");
}
