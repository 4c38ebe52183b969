namespace Harrier.Hunting.Alerts;

/// <summary>
/// An exposure finding (from <c>harrier audit ad|rdp --json</c>, given to <c>hunt --exposure</c>) that involves
/// an account or endpoint named in the alert. Made by <see cref="ExposureLinker"/>.
/// </summary>
/// <param name="FindingId">The finding's rule id (e.g. <c>AD-KERBEROAST</c>, <c>RDP-NLA-NOT-ENFORCED</c>).</param>
/// <param name="FindingKey">
/// Names the one finding: <c>ID/subject</c>, plus <c>@domain</c> for directory objects
/// (<c>AD-KERBEROAST/svc_sql@test.local</c>, <c>RDP-NLA-NOT-ENFORCED/rds01:3389</c>); see <see cref="ExposureLinker.KeyOf"/>.
/// </param>
/// <param name="Subject">The account or endpoint the alert shares with the finding (as written in the alert).</param>
/// <param name="Field">The alert field that holds <paramref name="Subject"/> (e.g. <c>ServiceName</c>, <c>IpAddress</c>, <c>Computer</c>).</param>
/// <param name="Title">The finding's short title.</param>
/// <param name="Severity">The finding's severity mapped to alert levels (info → informational).</param>
public sealed record ExposureNote(string FindingId, string FindingKey, string Subject, string Field, string Title, AlertLevel Severity)
{
    /// <summary>One line for CSV cells and terminals: <c>AD-KERBEROAST/sql101@labcorp.local (high) via ServiceName=sql101</c>.</summary>
    public override string ToString() => $"{FindingKey} ({Severity.ToSigma()}) via {Field}={Subject}";
}
