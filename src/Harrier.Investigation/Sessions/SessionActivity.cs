namespace Harrier.Investigation.Sessions;

/// <summary>One event inside a session: when, what, from which address, and the event id that said so.</summary>
/// <param name="Time">FILETIME ticks (UTC).</param>
/// <param name="Address">Client address or name reported by the event, if any.</param>
/// <param name="Detail">Free text: session name, target server, disconnect reason.</param>
public readonly record struct SessionActivity(long Time, SessionActivityKind Kind, int EventId, string? Address, string? Detail);
