namespace Harrier.Investigation.Graph;

/// <summary>
/// An external source whose first successful access starts a time-ordered path that ends in a
/// privileged (4672) logon: <paramref name="Path"/> leads from the source to <paramref name="PrivilegedTargetId"/>.
/// </summary>
public sealed record PatientZeroCandidate(
    string SourceId, long First, IReadOnlyList<PathHop> Path, string PrivilegedAccountId, string PrivilegedTargetId, long PrivilegedTime);
