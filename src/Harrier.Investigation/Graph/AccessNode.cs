namespace Harrier.Investigation.Graph;

/// <summary>An account, host or source address in the access graph.</summary>
/// <param name="Id">Stable id: "account:NAME", "host:SHORTNAME" or "address:IP" (upper case names).</param>
/// <param name="Label">The name as first logged (e.g. DOMAIN\user, the FQDN).</param>
/// <param name="First">First time the node appears on an edge (FILETIME).</param>
/// <param name="External">An address outside private, loopback and link-local ranges.</param>
/// <param name="HasLogs">A host whose own events are in the input.</param>
/// <param name="Privileged">An account that received special privileges (4672) at some logon.</param>
public sealed record AccessNode(string Id, AccessNodeKind Kind, string Label, long First, long Last, bool External, bool HasLogs, bool Privileged);
