namespace Harrier.Investigation;

/// <summary>What the investigation looked at: events, time window, hosts, and per-event-id counts used.</summary>
/// <param name="First">Earliest event time (FILETIME), 0 when no event had a time.</param>
/// <param name="EventsUsed">Events the stitcher used, per event id.</param>
/// <param name="UnmatchedEnds">Logoffs (4634/4647/23/303) whose logon is not in the logs.</param>
/// <param name="UnmatchedActivity">Reconnect/disconnect/lock events whose session is not in the logs.</param>
public sealed record InvestigationScope(
    long Events, long First, long Last, IReadOnlyList<string> Hosts,
    IReadOnlyDictionary<int, long> EventsUsed, long UnmatchedEnds, long UnmatchedActivity);
