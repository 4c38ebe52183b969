using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Tests.Alerts;

/// <summary>Builds alerts for tests that exercise ordering, statistics and writers.</summary>
static class AlertTestData
{
    public static readonly AlertRule Rule = new(
        "00000000-0000-4000-8000-000000000001", "Test rule", AlertLevel.Medium, "test",
        ["attack.credential-access", "attack.t1110"], RuleOrigin.BuiltIn, "builtin:test.yml");

    public static Alert Make(long time = 133_000_000_000_000_000, string file = "a.evtx", ulong record = 1,
        AlertRule? rule = null, AlertLevel? level = null, string computer = "HOST1",
        params AlertField[] fields) => new()
        {
            TimeCreated = time,
            Computer = computer,
            Channel = "Security",
            Provider = "Microsoft-Windows-Security-Auditing",
            EventId = 4625,
            RecordId = record,
            File = file,
            Rule = rule ?? Rule,
            Level = level ?? (rule ?? Rule).Level,
            Details = "details",
            Fields = fields,
        };
}
