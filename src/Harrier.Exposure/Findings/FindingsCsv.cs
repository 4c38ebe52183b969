using System.Text;

namespace Harrier.Exposure.Findings;

/// <summary>Findings as CSV (RFC 4180, UTF-8, LF): one row per finding, evidence as "name=value; …".</summary>
public static class FindingsCsv
{
    static readonly string[] Header =
    [
        "id", "severity", "title", "subject_kind", "subject", "sam_account_name", "user_principal_name", "sid",
        "domain", "netbios_domain", "host", "address", "port", "distinguished_name", "evidence", "fix",
    ];

    public static string Write(IEnumerable<ExposureFinding> findings)
    {
        var sb = new StringBuilder();
        Row(sb, Header);
        foreach (var f in findings)
        {
            var s = f.Subject;
            Row(sb,
            [
                f.Id, f.Severity.ToString().ToLowerInvariant(), f.Title, s.Kind.ToString().ToLowerInvariant(), s.Name,
                s.SamAccountName, s.UserPrincipalName, s.Sid, s.Domain, s.NetbiosDomain, s.Host, s.Address,
                s.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture), s.DistinguishedName,
                string.Join("; ", f.Evidence.Select(e => $"{e.Name}={e.Value}")), f.Fix,
            ]);
        }
        return sb.ToString();
    }

    static void Row(StringBuilder sb, IReadOnlyList<string?> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var c = cells[i] ?? "";
            if (c.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(c.Replace("\"", "\"\"")).Append('"');
            else sb.Append(c);
        }
        sb.Append('\n');
    }
}
