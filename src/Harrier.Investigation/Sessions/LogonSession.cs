namespace Harrier.Investigation.Sessions;

/// <summary>
/// A Windows logon session: one Security 4624 keyed by (computer, TargetLogonId), its end
/// (4634/4647, or still open at the end of the log), elevation (4672) and what happened inside it.
/// </summary>
public sealed class LogonSession
{
    /// <summary>Activities kept per session; later ones are counted in <see cref="ActivityDropped"/>.</summary>
    public const int MaxActivity = 256;

    readonly List<SessionActivity> _activity = [];

    public required string Computer { get; init; }
    /// <summary>TargetLogonId as a number (the key together with <see cref="Computer"/>).</summary>
    public required ulong LogonId { get; init; }
    /// <summary>FILETIME of the 4624.</summary>
    public required long Start { get; init; }
    public required ulong StartRecordId { get; init; }
    public required int LogonType { get; init; }
    /// <summary>DOMAIN\user (or user when the domain is empty).</summary>
    public required string Account { get; init; }
    public string? AccountSid { get; init; }
    /// <summary>IpAddress of the 4624 when it names an address (not "-").</summary>
    public string? SourceAddress { get; init; }
    public string? SourcePort { get; init; }
    /// <summary>WorkstationName of the 4624 when given.</summary>
    public string? SourceWorkstation { get; init; }
    public string? AuthPackage { get; init; }
    public string? LogonProcess { get; init; }
    /// <summary>TargetLinkedLogonId (the other half of a split admin token), when non-zero.</summary>
    public ulong LinkedLogonId { get; init; }

    /// <summary>FILETIME of the end event; 0 while <see cref="EndReason"/> is <see cref="LogonEndReason.StillOpen"/>.</summary>
    public long End { get; internal set; }
    public LogonEndReason EndReason { get; internal set; }
    /// <summary>Special privileges were assigned to the new logon (4672).</summary>
    public bool Elevated { get; internal set; }
    /// <summary>The LocalSessionManager session id of the linked RDP session, or −1.</summary>
    public int RdpSessionId { get; internal set; } = -1;
    public IReadOnlyList<SessionActivity> Activity => _activity;
    public int ActivityDropped { get; private set; }

    public bool IsOpen => EndReason == LogonEndReason.StillOpen;
    public string LogonIdText => "0x" + LogonId.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    internal void AddActivity(in SessionActivity a)
    {
        if (_activity.Count < MaxActivity) _activity.Add(a);
        else ActivityDropped++;
    }
}
