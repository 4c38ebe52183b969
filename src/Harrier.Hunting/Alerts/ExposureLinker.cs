using Harrier.Exposure.Findings;

namespace Harrier.Hunting.Alerts;

/// <summary>
/// Links alerts to exposure findings (<c>hunt --exposure findings.json</c>): every finding whose account or
/// endpoint an alert names becomes an <see cref="ExposureNote"/> on the alert, and an alert linked to a finding
/// of medium severity or worse is raised one level (at most to critical; <see cref="AlertRule.Level"/> keeps the
/// rule's own level). Which alert fields are compared is listed in <see cref="ExposureLinkFields"/>; names are
/// matched by <see cref="ExposureIndex"/> (case-insensitive sAMAccountName, UPN, DOMAIN\name, SID; host name,
/// FQDN or its first label, IP address). The rules are documented in docs/hunt.md ("Exposure").
/// </summary>
/// <remarks>Thread-safe after construction (read-only lookups); output depends only on the alert and the findings.</remarks>
public sealed class ExposureLinker
{
    /// <summary>A linked finding of this severity or worse raises the alert one level.</summary>
    public const AlertLevel RaiseThreshold = AlertLevel.Medium;

    readonly ExposureIndex _index;
    readonly Dictionary<ExposureFinding, string> _keys = new(ReferenceEqualityComparer.Instance);

    /// <summary>Findings from one or more files; the first finding with a given <see cref="KeyOf"/> wins.</summary>
    public ExposureLinker(IEnumerable<ExposureFinding> findings)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = new List<ExposureFinding>();
        foreach (var f in findings)
        {
            var key = KeyOf(f);
            if (!seen.Add(key)) continue;
            _keys[f] = key;
            unique.Add(f);
        }
        Findings = unique;
        _index = new ExposureIndex(unique);
    }

    /// <summary>The findings linked against, without duplicates, in the order given.</summary>
    public IReadOnlyList<ExposureFinding> Findings { get; }

    /// <summary>
    /// The stable name of one finding: <c>ID/subject</c>, with <c>@domain</c> appended for directory objects
    /// (two domains may both have an Administrator). Case file, JSONL and report join on it.
    /// </summary>
    public static string KeyOf(ExposureFinding f)
    {
        var s = f.Subject;
        var domain = s.Kind == SubjectKind.Endpoint ? null : s.Domain ?? s.NetbiosDomain;
        return domain is null ? $"{f.Id}/{s.Name}" : $"{f.Id}/{s.Name}@{domain}";
    }

    /// <summary>The alert with its exposure notes and, when a note is severe enough, its level raised.</summary>
    public Alert Annotate(Alert alert)
    {
        var notes = Find(alert);
        if (notes.Count == 0) return alert;
        return alert with { Exposure = notes, Level = Raise(alert.Level, notes) };
    }

    /// <summary>One level up (capped at critical) when a note is at least <see cref="RaiseThreshold"/>.</summary>
    public static AlertLevel Raise(AlertLevel level, IReadOnlyList<ExposureNote> notes)
    {
        foreach (var n in notes)
            if (n.Severity >= RaiseThreshold) return level >= AlertLevel.Critical ? AlertLevel.Critical : level + 1;
        return level;
    }

    /// <summary>The findings the alert's accounts and hosts are subjects of: one note per finding, first field wins.</summary>
    public IReadOnlyList<ExposureNote> Find(Alert alert)
    {
        List<ExposureNote>? notes = null;
        void Add(IReadOnlyList<ExposureFinding> hits, string subject, string field)
        {
            foreach (var f in hits)
            {
                var key = _keys[f];
                notes ??= [];
                if (notes.Exists(n => n.FindingKey == key)) continue;
                notes.Add(new ExposureNote(f.Id, key, subject, field, f.Title, ToLevel(f.Severity)));
            }
        }

        foreach (var (nameField, domainField) in ExposureLinkFields.Accounts(alert))
        {
            var name = alert.Field(nameField);
            if (!ExposureLinkFields.IsAccountName(nameField, name)) continue;
            var domain = ExposureLinkFields.DomainOf(alert, domainField);
            if (domain is null && ExposureLinkFields.NeedsDomain(name!)) continue;
            Add(_index.FindAccount(name!, domain), name!, nameField);
        }
        foreach (var field in ExposureLinkFields.Sids)
            if (alert.Field(field) is { Length: > 0 } sid && sid.StartsWith("S-1-5-21-", StringComparison.OrdinalIgnoreCase))
                Add(_index.FindSid(sid), sid, field);
        if (ExposureLinkFields.HostKey(alert.Computer) is { } computer) Add(_index.FindHost(computer), alert.Computer, "Computer");
        foreach (var field in ExposureLinkFields.Hosts(alert))
        {
            var value = alert.Field(field);
            if (ExposureLinkFields.HostKey(value) is { } host) Add(_index.FindHost(host), value!, field);
        }
        return notes is null ? [] : notes;
    }

    static AlertLevel ToLevel(Severity s) => s switch
    {
        Severity.Info => AlertLevel.Informational,
        Severity.Low => AlertLevel.Low,
        Severity.Medium => AlertLevel.Medium,
        Severity.High => AlertLevel.High,
        _ => AlertLevel.Critical,
    };
}
