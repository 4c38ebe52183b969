namespace Harrier.Hunting.Alerts;

/// <summary>
/// An exposure finding (from <c>harrier</c> exposure audits, <c>--exposure findings.json</c>) that involves
/// an account or endpoint named in the alert.
/// </summary>
/// <param name="FindingId">The finding's id in the findings file.</param>
/// <param name="Subject">The account or endpoint the alert shares with the finding (as written in the alert).</param>
/// <param name="Field">The alert field that holds <paramref name="Subject"/> (e.g. <c>TargetUserName</c>, <c>IpAddress</c>).</param>
/// <param name="Title">The finding's short title.</param>
/// <param name="Severity">The finding's severity mapped to alert levels.</param>
public sealed record ExposureNote(string FindingId, string Subject, string Field, string Title, AlertLevel Severity);
