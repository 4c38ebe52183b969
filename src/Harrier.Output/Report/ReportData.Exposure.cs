using System.Text.Json;
using Harrier.Output.CaseDb;

namespace Harrier.Output.Report;

// The exposure section: findings given to hunt --exposure, each with the alerts linked to it.
static partial class ReportData
{
    public const int MaxFindings = 2_000;
    public const int MaxAlertsPerFinding = 100;

    /// <summary>True when the case file has the exposure tables (schema 2+) and at least one finding.</summary>
    public static bool HasExposure(CaseDbQuery q) =>
        HasTable(q, "exposure_findings") && Long(q.Scalar("SELECT count(*) FROM exposure_findings")) > 0;

    static bool HasTable(CaseDbQuery q, string name) =>
        Long(q.Scalar($"SELECT count(*) FROM information_schema.tables WHERE table_name = '{name}'")) > 0;

    /// <summary>
    /// Findings with linked alerts first, then worst first; per finding its evidence, fix and up to
    /// <see cref="MaxAlertsPerFinding"/> linked alerts in time order.
    /// </summary>
    static void Exposure(Utf8JsonWriter j, CaseDbQuery q)
    {
        j.WriteStartObject("exposure");
        if (!HasExposure(q))
        {
            j.WriteNumber("findings_total", 0);
            j.WriteStartArray("findings");
            j.WriteEndArray();
            j.WriteEndObject();
            return;
        }
        j.WriteNumber("findings_total", Long(q.Scalar("SELECT count(*) FROM exposure_findings")));
        j.WriteNumber("linked_findings", Long(q.Scalar("SELECT count(DISTINCT finding_key) FROM alert_exposure")));
        j.WriteNumber("linked_alerts", Long(q.Scalar("SELECT count(DISTINCT alert_id) FROM alert_exposure")));
        j.WriteNumber("raised_alerts", Long(q.Scalar("SELECT count(*) FROM alerts WHERE rule_level IS NOT NULL AND level <> rule_level")));

        var findings = q.Run(
            "WITH n AS (SELECT finding_key, count(DISTINCT alert_id) c FROM alert_exposure GROUP BY finding_key) " +
            "SELECT f.finding_key, id, severity, title, subject_kind, subject, coalesce(domain, netbios_domain), " +
            "coalesce(host, address), evidence, fix, audit, scope, coalesce(n.c, 0) FROM exposure_findings f LEFT JOIN n USING (finding_key) " +
            "ORDER BY (coalesce(n.c, 0) > 0) DESC, severity_rank DESC, id, subject, f.finding_key", MaxFindings);
        var alerts = q.Run(
            "SELECT x.finding_key, a.time, a.level, a.rule_level, a.rule_title, a.computer, a.record_id, x.field, x.subject, a.details FROM (" +
            "SELECT *, row_number() OVER (PARTITION BY finding_key ORDER BY alert_id) r FROM alert_exposure) x " +
            $"JOIN alerts a USING (alert_id) WHERE x.r <= {MaxAlertsPerFinding} ORDER BY x.finding_key, a.alert_id");
        var byKey = alerts.Rows.GroupBy(r => r[0]!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        j.WriteStartArray("findings");
        foreach (var f in findings.Rows)
        {
            j.WriteStartObject();
            j.WriteString("key", f[0]);
            j.WriteString("id", f[1]);
            j.WriteString("severity", f[2]);
            j.WriteString("title", f[3]);
            j.WriteString("kind", f[4]);
            j.WriteString("subject", f[5]);
            j.WriteString("domain", f[6] ?? "");
            j.WriteString("host", f[7] ?? "");
            j.WriteStartArray("evidence");
            using (var ev = JsonDocument.Parse(f[8] ?? "[]"))
                foreach (var e in ev.RootElement.EnumerateArray())
                {
                    j.WriteStartArray();
                    j.WriteStringValue(e.GetProperty("name").GetString());
                    j.WriteStringValue(e.GetProperty("value").GetString());
                    j.WriteEndArray();
                }
            j.WriteEndArray();
            j.WriteString("fix", f[9]);
            j.WriteString("audit", f[10]);
            j.WriteString("scope", f[11]);
            j.WriteNumber("alerts_total", long.Parse(f[12]!, System.Globalization.CultureInfo.InvariantCulture));
            j.WriteStartArray("alerts");
            foreach (var a in byKey.GetValueOrDefault(f[0]!) ?? [])
            {
                j.WriteStartArray();
                for (var i = 1; i < a.Length; i++) j.WriteStringValue(a[i] ?? "");
                j.WriteEndArray();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }
}
