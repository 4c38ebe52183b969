namespace Harrier.Investigation.Graph;

/// <summary>One observed authentication, the unit the access graph aggregates.</summary>
/// <param name="Time">FILETIME ticks (UTC).</param>
/// <param name="Source">Source address or host name; null when the log names none (local logon).</param>
/// <param name="Account">DOMAIN\user, user or user@realm as logged; empty when unknown (RDPClient).</param>
/// <param name="Target">The host reached.</param>
/// <param name="LogonType">Windows logon type for 4624/4625; −1 otherwise.</param>
/// <param name="Privileged">The logon received special privileges (4672).</param>
public readonly record struct Authentication(
    long Time, string? Source, string Account, string Target, AccessProtocol Protocol,
    bool Success, int LogonType, bool Privileged, int EventId);
