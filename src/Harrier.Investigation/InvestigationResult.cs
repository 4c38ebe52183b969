using Harrier.Investigation.Graph;
using Harrier.Investigation.Sessions;

namespace Harrier.Investigation;

/// <summary>Sessions, failures and the access graph stitched from one set of logs. Lists are in time order.</summary>
public sealed record InvestigationResult(
    InvestigationScope Scope,
    IReadOnlyList<LogonSession> Sessions,
    IReadOnlyList<RdpSession> RdpSessions,
    IReadOnlyList<LogonFailure> Failures,
    AccessGraph Graph);
