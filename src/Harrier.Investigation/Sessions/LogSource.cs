namespace Harrier.Investigation.Sessions;

/// <summary>The event channels the stitcher understands.</summary>
enum LogSource
{
    Other,
    Security,
    LocalSessionManager,
    RemoteConnectionManager,
    RdpClient,
    Gateway,
}

static class LogSources
{
    public static LogSource Classify(ReadOnlySpan<char> channel)
    {
        if (channel.Equals("Security", StringComparison.OrdinalIgnoreCase)) return LogSource.Security;
        const string ts = "Microsoft-Windows-TerminalServices-";
        if (!channel.StartsWith(ts, StringComparison.OrdinalIgnoreCase)) return LogSource.Other;
        var rest = channel[ts.Length..];
        if (rest.StartsWith("LocalSessionManager", StringComparison.OrdinalIgnoreCase)) return LogSource.LocalSessionManager;
        if (rest.StartsWith("RemoteConnectionManager", StringComparison.OrdinalIgnoreCase)) return LogSource.RemoteConnectionManager;
        if (rest.StartsWith("RDPClient", StringComparison.OrdinalIgnoreCase)) return LogSource.RdpClient;
        if (rest.StartsWith("Gateway", StringComparison.OrdinalIgnoreCase)) return LogSource.Gateway;
        return LogSource.Other;
    }

    /// <summary>Cheap pre-filter on the event id alone, before the channel is looked at.</summary>
    public static bool IsCandidate(int eventId) => eventId switch
    {
        4624 or 4625 or 4634 or 4647 or 4648 or 4672 or 4778 or 4779 or 4800 or 4801 => true,
        4768 or 4769 or 4771 or 4776 => true,
        21 or 22 or 23 or 24 or 25 or 39 or 40 => true,
        1149 or 261 or 1024 or 1102 or 302 or 303 => true,
        _ => false,
    };
}
