namespace Harrier.Exposure.Ad;

/// <summary>A group: its SID and its direct members (distinguished names, users and groups alike).</summary>
public sealed record AdGroup(string DistinguishedName, string SamAccountName, string? Sid, IReadOnlyList<string> Members);
