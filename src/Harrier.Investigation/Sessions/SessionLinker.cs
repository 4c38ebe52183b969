namespace Harrier.Investigation.Sessions;

/// <summary>
/// Links RDP sessions to Security logon sessions and to their 1149 authentication, after all logs
/// are read (the Security and TerminalServices logs of one host arrive as separate files).
/// </summary>
/// <remarks>
/// An RDP host session (LocalSessionManager 21) belongs to the RemoteInteractive (type 10) logon of the
/// same user on the same computer that started closest to it, within <see cref="InvestigationOptions.RdpLinkSeconds"/>.
/// A session whose logon predates the logs is matched instead through a reconnect: its 25 and the
/// logon's 4778 within the same window. Its 1149 is the latest one for the same user (and address,
/// when both name one) in the <see cref="InvestigationOptions.RdpAuthLinkSeconds"/> before the 21.
/// </remarks>
sealed class SessionLinker
{
    const long TicksPerSecond = 10_000_000;
    readonly Dictionary<string, List<LogonSession>> _byComputer = new(StringComparer.OrdinalIgnoreCase);
    readonly long _window, _authWindow;

    public SessionLinker(IReadOnlyList<LogonSession> sessions, InvestigationOptions options)
    {
        foreach (var s in sessions) // already in start order
        {
            if (s.LogonType != 10) continue;
            if (!_byComputer.TryGetValue(s.Computer, out var list)) _byComputer[s.Computer] = list = [];
            list.Add(s);
        }
        _window = options.RdpLinkSeconds * TicksPerSecond;
        _authWindow = options.RdpAuthLinkSeconds * TicksPerSecond;
    }

    public void LinkRdp(IReadOnlyList<RdpSession> rdpSessions, IReadOnlyList<RdpAuthentication> auths)
    {
        foreach (var rdp in rdpSessions)
        {
            if (rdp.Kind != RdpSessionKind.Host) continue;
            var logon = ByStart(rdp) ?? ByReconnect(rdp);
            if (logon != null)
            {
                rdp.Logon = logon;
                logon.RdpSessionId = rdp.SessionId;
            }
            LinkAuthentication(rdp, auths);
        }
    }

    LogonSession? ByStart(RdpSession rdp)
    {
        if (!_byComputer.TryGetValue(rdp.Computer, out var list)) return null;
        LogonSession? best = null;
        var bestDistance = long.MaxValue;
        for (var i = LowerBound(list, rdp.Start - _window); i < list.Count && list[i].Start <= rdp.Start + _window; i++)
        {
            var s = list[i];
            var distance = Math.Abs(s.Start - rdp.Start);
            if (s.RdpSessionId < 0 && SameUser(s.Account, rdp.Account) && distance < bestDistance)
            {
                best = s;
                bestDistance = distance;
            }
        }
        return best;
    }

    LogonSession? ByReconnect(RdpSession rdp)
    {
        if (!_byComputer.TryGetValue(rdp.Computer, out var list)) return null;
        foreach (var a in rdp.Activity)
        {
            if (a.Kind != SessionActivityKind.Reconnect) continue;
            foreach (var s in list)
            {
                if (s.RdpSessionId >= 0 || !SameUser(s.Account, rdp.Account)) continue;
                foreach (var b in s.Activity)
                    if (b.EventId == 4778 && Math.Abs(b.Time - a.Time) <= _window) return s;
            }
        }
        return null;
    }

    void LinkAuthentication(RdpSession rdp, IReadOnlyList<RdpAuthentication> auths)
    {
        var best = 0L;
        foreach (var a in auths)
        {
            if (a.Time < rdp.Start - _authWindow || a.Time > rdp.Start + 2 * TicksPerSecond || a.Time <= best) continue;
            if (!string.Equals(a.Computer, rdp.Computer, StringComparison.OrdinalIgnoreCase) || !SameUser(a.Account, rdp.Account)) continue;
            if (a.Address != null && rdp.SourceAddress != null && !string.Equals(a.Address, rdp.SourceAddress, StringComparison.OrdinalIgnoreCase)) continue;
            best = a.Time;
        }
        rdp.AuthenticatedAt = best;
    }

    static int LowerBound(List<LogonSession> list, long start)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Start < start) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static bool SameUser(string a, string b) =>
        HostNames.UserPart(a).Equals(HostNames.UserPart(b), StringComparison.OrdinalIgnoreCase);
}
