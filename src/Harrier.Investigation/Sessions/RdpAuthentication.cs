namespace Harrier.Investigation.Sessions;

/// <summary>RemoteConnectionManager 1149: the RDP host accepted a user's network authentication.</summary>
public readonly record struct RdpAuthentication(long Time, string Computer, string Account, string? Address, ulong RecordId);
