using Harrier.Investigation.Graph;

namespace Harrier.Investigation;

/// <summary>Settings of session stitching and the access graph.</summary>
public sealed record InvestigationOptions
{
    public static readonly InvestigationOptions Default = new();

    /// <summary>An RDP host logon (LocalSessionManager 21) links to a type-10 logon starting this close (seconds).</summary>
    public int RdpLinkSeconds { get; init; } = 10;

    /// <summary>A 1149 authentication links to the RDP logon (21) that follows within this many seconds.</summary>
    public int RdpAuthLinkSeconds { get; init; } = 120;

    /// <summary>Cap on 1149 and 4778/4779 records kept for linking across logs.</summary>
    public int MaxRdpActivityKept { get; init; } = 1_000_000;

    public GraphOptions Graph { get; init; } = GraphOptions.Default;
}
