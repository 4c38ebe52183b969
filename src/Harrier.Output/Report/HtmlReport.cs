using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Harrier.Output.CaseDb;

namespace Harrier.Output.Report;

/// <summary>
/// The self-contained HTML report of a case file: one page with its CSS, the cytoscape library, its own
/// script and the case data inline; nothing is fetched when it is opened.
/// </summary>
/// <remarks>
/// Safety: log strings never become markup. The few server-rendered values are HTML-encoded; the data
/// travels as JSON inside a non-executed <c>application/json</c> script element with &lt;, &gt;, &amp;
/// and quotes escaped; the page script writes it through <c>textContent</c>. A Content-Security-Policy
/// allows only the page's own inline scripts (by SHA-256), no network, and images only from data: URLs.
/// </remarks>
public static class HtmlReport
{
    /// <summary>Writes the report of <paramref name="casePath"/> to <paramref name="outputPath"/>.</summary>
    public static void WriteFromCase(string casePath, string outputPath)
    {
        using var q = CaseDbQuery.Open(casePath);
        var html = Render(q, Path.GetFileName(casePath));
        File.WriteAllText(outputPath, html, new UTF8Encoding(false));
    }

    public static string Render(CaseDbQuery q, string caseName)
    {
        var o = ReportData.ReadOverview(q);
        var exposure = ReportData.HasExposure(q);
        string data;
        using (var ms = new MemoryStream())
        {
            using (var j = new Utf8JsonWriter(ms)) // default encoder: <, >, &, ', " and non-ASCII escaped
                ReportData.Write(j, q);
            data = Encoding.UTF8.GetString(ms.ToArray());
        }
        var cytoscape = ReportAssets.Cytoscape.Value;
        var script = ReportAssets.Script.Value;
        var csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; " +
                  $"script-src 'sha256-{Hash(cytoscape)}' 'sha256-{Hash(script)}'; base-uri 'none'; form-action 'none'";
        var sb = new StringBuilder(cytoscape.Length + script.Length + data.Length + 16_384);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(csp).Append("\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>Harrier report — ").Append(E(caseName)).Append("</title>\n<style>\n").Append(ReportAssets.Css.Value).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><h1>Harrier investigation report</h1><div class=\"sub\">Case ").Append(E(caseName))
          .Append(o.Command.Length > 0 ? " · written by harrier " + E(o.Command) : "").Append(" · ")
          .Append(E(o.First.Length > 0 ? o.First : "—")).Append(" to ").Append(E(o.Last.Length > 0 ? o.Last : "—")).Append(" (UTC)</div></header>\n");
        sb.Append("<nav><a href=\"#overview\">Overview</a><a href=\"#alerts\">Alerts</a><a href=\"#timeline-section\">Timeline</a>")
          .Append(exposure ? "<a href=\"#exposure\">Exposure</a>" : "")
          .Append("<a href=\"#sessions\">Sessions</a><a href=\"#graph-section\">Access graph</a><a href=\"#unreadable\">Unreadable records</a></nav>\n<main>\n");

        sb.Append("<section id=\"overview\"><h2>Overview and scope</h2><div class=\"cards\">");
        Card(sb, "events", o.Events, "events read");
        Card(sb, "files", o.Files, "input files");
        Card(sb, "hosts", o.Hosts, "hosts");
        Card(sb, "accounts", o.Accounts, "accounts in the graph");
        Card(sb, "alerts", o.Alerts, "alerts");
        Card(sb, "sessions", o.Sessions, "logon sessions");
        Card(sb, "open-sessions", o.OpenSessions, "open at end of log");
        Card(sb, "rdp-sessions", o.RdpSessions, "RDP sessions");
        Card(sb, "failures", o.Failures, "failed logons");
        Card(sb, "unreadable", o.UnreadableRecords, "unreadable records");
        sb.Append("</div><h3>Time window</h3><p id=\"scope-window\">").Append(E(o.First)).Append(" — ").Append(E(o.Last))
          .Append("</p><h3>Hosts</h3><ul class=\"plain\" id=\"scope-hosts\"></ul></section>\n");

        sb.Append("<section id=\"alerts\"><h2>Alerts</h2><h3>By level</h3><div class=\"cards\" id=\"alert-levels\"></div>")
          .Append("<div class=\"grid\"><div><h3>By ATT&amp;CK tactic</h3><div id=\"alert-tactics\"></div></div>")
          .Append("<div><h3>Top rules</h3><div id=\"top-rules\"></div></div>")
          .Append("<div><h3>Top hosts (alerts)</h3><div id=\"top-hosts\"></div></div>")
          .Append("<div><h3>Top accounts (alerts)</h3><div id=\"top-accounts\"></div></div>")
          .Append("<div><h3>Top accounts (logons)</h3><div id=\"top-logon-accounts\"></div></div>")
          .Append("<div><h3>Top hosts (logons)</h3><div id=\"top-logon-hosts\"></div></div></div>")
          .Append("<h3>Alert list</h3><div id=\"alerts-table\"></div></section>\n");
        if (exposure)
            sb.Append("<section id=\"exposure\"><h2>Exposure findings and the alerts they explain</h2>")
              .Append("<p class=\"note\">Findings of <code>harrier audit ad|rdp</code> given to <code>hunt --exposure</code>. Each finding is shown beside ")
              .Append("the alerts that name its account or host; an alert linked to a finding of medium severity or worse was raised one level.</p>")
              .Append("<div class=\"cards\" id=\"exposure-counts\"></div><div id=\"exposure-list\"></div></section>\n");
        sb.Append("<section id=\"timeline-section\"><h2>Timeline</h2><p class=\"note\">Alerts (red) and logon-session starts (blue) over the case's time window.</p><div id=\"timeline\"></div></section>\n");
        sb.Append("<section id=\"sessions\"><h2>Logon sessions</h2><div id=\"sessions-table\"></div>")
          .Append("<h3>RDP sessions (host and gateway)</h3><div id=\"rdp-table\"></div>")
          .Append("<h3>Failed logons (per source, account, target)</h3><div id=\"failures-table\"></div></section>\n");
        sb.Append("<section id=\"graph-section\"><h2>Access graph</h2><div class=\"legend\"><span><i style=\"background:#5c7cfa\"></i>account</span>")
          .Append("<span><i style=\"background:#26a69a\"></i>host</span><span><i style=\"background:#90a4ae\"></i>address</span>")
          .Append("<span><i style=\"background:#c62828\"></i>external address</span><span><i style=\"border:3px solid #ef6c00\"></i>privileged logons</span>")
          .Append("<span>dashed red: failures</span></div><div id=\"graph\"></div><p class=\"note\" id=\"graph-info\">Click a node for details.</p>")
          .Append("<div class=\"grid\"><div><h3>Lateral-movement paths</h3><div id=\"paths\"></div></div>")
          .Append("<div><h3>Patient-zero candidates</h3><div id=\"patient-zero\"></div></div>")
          .Append("<div><h3>New sources</h3><div id=\"new-sources\"></div></div>")
          .Append("<div><h3>Rare sources</h3><div id=\"rare-sources\"></div></div></div></section>\n");
        sb.Append("<section id=\"unreadable\"><h2>Unreadable records</h2><p class=\"note\">").Append(o.UnreadableRecords)
          .Append(" records could not be read; ").Append(o.UnreadableFiles).Append(" files could not be read at all.</p>")
          .Append("<div id=\"files-table\"></div><h3>Problems</h3><div id=\"problems-table\"></div></section>\n</main>\n");

        sb.Append("<script type=\"application/json\" id=\"harrier-data\">").Append(data).Append("</script>\n");
        sb.Append("<script>").Append(cytoscape).Append("</script>\n");
        sb.Append("<script>").Append(script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    static void Card(StringBuilder sb, string id, long n, string label) =>
        sb.Append("<div class=\"card\" id=\"count-").Append(id).Append("\"><div class=\"n\">").Append(n).Append("</div><div class=\"l\">")
          .Append(label).Append("</div></div>");

    static string E(string s) => WebUtility.HtmlEncode(s);

    static string Hash(string script) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
}
