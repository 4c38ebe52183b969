using Harrier.Exposure.Findings;
using Harrier.Hunting.Alerts;

namespace Harrier.Output.CaseDb;

// Exposure findings given to hunt --exposure (the alerts' links to them are written by AddAlert).
public sealed partial class CaseDbWriter
{
    /// <summary>
    /// Writes the findings of each file into <c>exposure_findings</c>, keyed by <see cref="ExposureLinker.KeyOf"/>;
    /// a key already written (the same finding in a later file) is skipped, as <see cref="ExposureLinker"/> does.
    /// </summary>
    public void WriteExposureFindings(IEnumerable<(string SourceFile, ExposureFindings Document)> files)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var a = Appender("exposure_findings");
        foreach (var (source, doc) in files)
        {
            foreach (var f in doc.Findings)
            {
                var key = ExposureLinker.KeyOf(f);
                if (!seen.Add(key)) continue;
                var s = f.Subject;
                var row = a.CreateRow();
                row.AppendValue(key);
                row.AppendValue(f.Id);
                row.AppendValue(f.Severity.ToString().ToLowerInvariant());
                row.AppendValue((int)f.Severity);
                row.AppendValue(f.Title);
                row.AppendValue(s.Kind.ToString().ToLowerInvariant());
                row.AppendValue(s.Name);
                row.AppendValue(s.SamAccountName);
                row.AppendValue(s.UserPrincipalName);
                row.AppendValue(s.Sid);
                row.AppendValue(s.Domain);
                row.AppendValue(s.NetbiosDomain);
                row.AppendValue(s.Host);
                row.AppendValue(s.HostAliases?.ToList());
                row.AppendValue(s.Address);
                row.AppendValue(s.Port);
                row.AppendValue(s.DistinguishedName);
                row.AppendValue(Json(j =>
                {
                    j.WriteStartArray();
                    foreach (var e in f.Evidence)
                    {
                        j.WriteStartObject();
                        j.WriteString("name", e.Name);
                        j.WriteString("value", e.Value);
                        j.WriteEndObject();
                    }
                    j.WriteEndArray();
                }));
                row.AppendValue(f.Fix);
                row.AppendValue(doc.Audit);
                row.AppendValue(doc.Scope);
                row.AppendValue(doc.AsOf.UtcDateTime);
                row.AppendValue(source);
                row.EndRow();
            }
        }
    }
}
