using Harrier.Evtx.Events;
using Harrier.Investigation.Graph;

namespace Harrier.Investigation.Sessions;

// Security log: logons 4624/4625/4634/4647/4672, explicit credentials 4648, RDP reconnect/disconnect
// 4778/4779, lock/unlock 4800/4801, Kerberos 4768/4769/4771 and NTLM 4776.
public sealed partial class SessionStitcher
{
    const long ElevationWindow = 5 * TicksPerSecond;
    const int MaxPendingElevations = 4096;

    bool AddSecurity(EventFields e, string computer)
    {
        switch (e.EventId)
        {
            case 4624: Logon(e, computer); return true;
            case 4625: FailedLogon(e, computer); return true;
            case 4634: Logoff(e, computer, LogonEndReason.Logoff); return true;
            case 4647: Logoff(e, computer, LogonEndReason.UserLogoff); return true;
            case 4672: Elevation(e, computer); return true;
            case 4648: ExplicitCredentials(e, computer); return true;
            case 4778: RdpSecurityActivity(e, computer, SessionActivityKind.Reconnect); return true;
            case 4779: RdpSecurityActivity(e, computer, SessionActivityKind.Disconnect); return true;
            case 4800: LockActivity(e, computer, SessionActivityKind.Lock); return true;
            case 4801: LockActivity(e, computer, SessionActivityKind.Unlock); return true;
            case 4768 or 4769 or 4771: Kerberos(e, computer); return true;
            case 4776: Ntlm(e, computer); return true;
            default: return false;
        }
    }

    void Logon(EventFields e, string computer)
    {
        if (!TryParseHex(Get(e, Fields.TargetLogonId), out var id)) return;
        TryParseHex(Get(e, Fields.TargetLinkedLogonId), out var linked);
        var session = new LogonSession
        {
            Computer = computer,
            LogonId = id,
            Start = e.TimeCreated,
            StartRecordId = e.DisplayRecordId(),
            LogonType = ParseInt(Get(e, Fields.LogonType)),
            Account = Account(Get(e, Fields.TargetDomainName), Get(e, Fields.TargetUserName)),
            AccountSid = GetPooled(e, Fields.TargetUserSid),
            SourceAddress = Address(Get(e, Fields.IpAddress)),
            SourcePort = Get(e, Fields.IpPort) is var port && (port.IsEmpty || port is "0") ? null : _pool.Get(port),
            SourceWorkstation = GetPooled(e, Fields.WorkstationName),
            AuthPackage = GetPooled(e, Fields.AuthenticationPackageName),
            LogonProcess = GetPooled(e, Fields.LogonProcessName),
            LinkedLogonId = linked,
        };
        var key = (computer, id);
        if (_open.Remove(key, out var previous))
        {
            previous.End = e.TimeCreated;
            previous.EndReason = LogonEndReason.Superseded;
            _sessions.Add(previous);
        }
        if (_pendingElevation.Remove(key, out var at) && Math.Abs(e.TimeCreated - at) <= ElevationWindow)
            session.Elevated = true;
        _open[key] = session;
    }

    void Logoff(EventFields e, string computer, LogonEndReason reason)
    {
        if (!TryParseHex(Get(e, Fields.TargetLogonId), out var id)) return;
        if (!_open.Remove((computer, id), out var session))
        {
            _unmatchedEnds++;
            return;
        }
        session.End = e.TimeCreated;
        session.EndReason = reason;
        _sessions.Add(session);
    }

    void Elevation(EventFields e, string computer)
    {
        if (!TryParseHex(Get(e, Fields.SubjectLogonId), out var id)) return;
        if (_open.TryGetValue((computer, id), out var session) && e.TimeCreated - session.Start <= ElevationWindow)
        {
            session.Elevated = true;
            return;
        }
        // 4672 is normally logged right after its 4624; remember it briefly in case the order is reversed.
        if (_pendingElevation.Count >= MaxPendingElevations) _pendingElevation.Clear();
        _pendingElevation[(computer, id)] = e.TimeCreated;
    }

    void FailedLogon(EventFields e, string computer)
    {
        var account = Account(Get(e, Fields.TargetDomainName), Get(e, Fields.TargetUserName));
        var source = Address(Get(e, Fields.IpAddress)) ?? GetPooled(e, Fields.WorkstationName) ?? "";
        var reason = Get(e, Fields.SubStatus);
        if (IsSuccessStatus(reason)) reason = Get(e, Fields.Status);
        Fail(source, account, computer, e.TimeCreated, 4625, reason, AccessProtocol.Logon, ParseInt(Get(e, Fields.LogonType)));
    }

    void ExplicitCredentials(EventFields e, string computer)
    {
        var target = Get(e, Fields.TargetServerName);
        var detail = target.IsEmpty ? null : _pool.Get(target);
        if (TryParseHex(Get(e, Fields.SubjectLogonId), out var id) && _open.TryGetValue((computer, id), out var session))
            session.AddActivity(new SessionActivity(e.TimeCreated, SessionActivityKind.ExplicitCredentials, 4648,
                Address(Get(e, Fields.IpAddress)), detail));
        if (detail is null || IsLocalName(target, computer)) return;
        var account = Account(Get(e, Fields.TargetDomainName), Get(e, Fields.TargetUserName));
        if (WellKnownAccounts.IsNoise(account, null)) return;
        _graph.Add(new Authentication(e.TimeCreated, computer, account, detail, AccessProtocol.ExplicitCredentials, true, -1, false, 4648));
    }

    void RdpSecurityActivity(EventFields e, string computer, SessionActivityKind kind)
    {
        var address = Address(Get(e, Fields.ClientAddress)) ?? GetPooled(e, Fields.ClientName);
        var detail = GetPooled(e, Fields.SessionName);
        if (TryParseHex(Get(e, Fields.LogonID), out var id) && _open.TryGetValue((computer, id), out var session))
            session.AddActivity(new SessionActivity(e.TimeCreated, kind, e.EventId, address, detail));
        else
            _unmatchedActivity++;
    }

    void LockActivity(EventFields e, string computer, SessionActivityKind kind)
    {
        if (TryParseHex(Get(e, Fields.TargetLogonId), out var id) && _open.TryGetValue((computer, id), out var session))
            session.AddActivity(new SessionActivity(e.TimeCreated, kind, e.EventId, null, null));
        else
            _unmatchedActivity++;
    }

    void Kerberos(EventFields e, string computer)
    {
        var status = Get(e, Fields.Status);
        var success = e.EventId != 4771 && IsSuccessStatus(status);
        var account = Account(Get(e, Fields.TargetDomainName), Get(e, Fields.TargetUserName));
        if (account.Length == 0) return;
        var source = Address(Get(e, Fields.IpAddress));
        if (!success)
        {
            Fail(source ?? "", account, computer, e.TimeCreated, e.EventId, status, AccessProtocol.Kerberos, -1);
            return;
        }
        if (!WellKnownAccounts.IsNoise(account, null) && (_options.Graph.IncludeMachineAccounts || !IsMachine(account)))
            _graph.Add(new Authentication(e.TimeCreated, source, account, computer, AccessProtocol.Kerberos, true, -1, false, e.EventId));
    }

    void Ntlm(EventFields e, string computer)
    {
        var status = Get(e, Fields.Status);
        var account = _pool.Get(Get(e, Fields.TargetUserName));
        if (account.Length == 0) return;
        var source = GetPooled(e, Fields.Workstation);
        if (!IsSuccessStatus(status))
        {
            Fail(source ?? "", account, computer, e.TimeCreated, 4776, status, AccessProtocol.Ntlm, -1);
            return;
        }
        if (!WellKnownAccounts.IsNoise(account, null) && (_options.Graph.IncludeMachineAccounts || !IsMachine(account)))
            _graph.Add(new Authentication(e.TimeCreated, source, account, computer, AccessProtocol.Ntlm, true, -1, false, 4776));
    }

    static bool IsMachine(string account)
    {
        var at = account.IndexOf('@');
        return (at >= 0 ? account.AsSpan(0, at) : account.AsSpan()).EndsWith('$');
    }

    /// <summary>"localhost", "127.0.0.1", "::1" or the computer's own (short) name.</summary>
    static bool IsLocalName(ReadOnlySpan<char> target, string computer) =>
        target.Equals("localhost", StringComparison.OrdinalIgnoreCase) || target is "127.0.0.1" or "::1"
        || HostNames.SameHost(target, computer);
}
