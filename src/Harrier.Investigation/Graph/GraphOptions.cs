namespace Harrier.Investigation.Graph;

/// <summary>Settings of the access-graph analyses.</summary>
public sealed record GraphOptions
{
    public static readonly GraphOptions Default = new();

    /// <summary>Machine accounts (NAME$) make edges too (noisy on domain controllers).</summary>
    public bool IncludeMachineAccounts { get; init; }

    /// <summary>
    /// Start of the "new sources" window as FILETIME; 0 = the last <see cref="NewSourceWindowHours"/> of the
    /// logs. Sources first seen at or after it, in logs that reach back before it, are "new".
    /// </summary>
    public long NewSourceWindowStart { get; init; }

    public int NewSourceWindowHours { get; init; } = 24;

    /// <summary>A source is rare for an account when it made at most this many of the account's successful logons …</summary>
    public int RareMaxCount { get; init; } = 2;

    /// <summary>… and the account has at least this many successful logons in all.</summary>
    public int RareMinTotal { get; init; } = 10;

    /// <summary>Longest lateral-movement path reported (hops).</summary>
    public int MaxPathHops { get; init; } = 6;

    /// <summary>Most paths reported.</summary>
    public int MaxPaths { get; init; } = 200;
}
