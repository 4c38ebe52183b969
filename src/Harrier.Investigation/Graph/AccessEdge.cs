namespace Harrier.Investigation.Graph;

/// <summary>
/// Authentications of one account from one source to one target with one outcome, aggregated.
/// </summary>
/// <param name="SourceId">Node id of the source; null for logons that name no source (console, services).</param>
/// <param name="PrivilegedCount">How many of the successful logons were elevated (4672).</param>
/// <param name="PrivilegedLast">Last elevated logon (FILETIME), 0 when none.</param>
/// <param name="LogonTypes">Distinct Windows logon types seen, ascending.</param>
/// <param name="EventIds">Distinct event ids that reported these authentications, ascending.</param>
public sealed record AccessEdge(
    string? SourceId, string AccountId, string TargetId, bool Success, long Count, long PrivilegedCount,
    long First, long Last, long PrivilegedFirst, long PrivilegedLast, IReadOnlyList<AccessProtocol> Protocols,
    IReadOnlyList<int> LogonTypes, IReadOnlyList<int> EventIds);
