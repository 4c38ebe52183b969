using Harrier.Evtx.Events;
using Harrier.Investigation.Graph;

namespace Harrier.Investigation.Sessions;

// TerminalServices logs: LocalSessionManager 21/22/23/24/25/39/40 (the RDP host's sessions),
// RemoteConnectionManager 1149/261, RDPClient 1024/1102 (outbound, on the client), Gateway 302/303.
public sealed partial class SessionStitcher
{
    bool AddLocalSessionManager(EventFields e, string computer)
    {
        switch (e.EventId)
        {
            case 21: RdpLogon(e, computer); return true;
            case 22: RdpActivity(e, computer, Fields.SessionID, SessionActivityKind.ShellStart, null); return true;
            case 23: RdpLogoff(e, computer); return true;
            case 24: RdpActivity(e, computer, Fields.SessionID, SessionActivityKind.Disconnect, null); return true;
            case 25: RdpReconnect(e, computer); return true;
            case 39: RdpActivity(e, computer, Fields.TargetSession, SessionActivityKind.Disconnect, "by session " + Get(e, Fields.Source).ToString()); return true;
            case 40: RdpActivity(e, computer, Fields.Session, SessionActivityKind.Disconnect, "reason " + Get(e, Fields.Reason).ToString()); return true;
            default: return false;
        }
    }

    void RdpLogon(EventFields e, string computer)
    {
        var id = ParseInt(Get(e, Fields.SessionID));
        if (id < 0) return;
        var session = new RdpSession
        {
            Kind = RdpSessionKind.Host,
            Computer = computer,
            SessionId = id,
            Account = _pool.Get(Get(e, Fields.User)),
            SourceAddress = Address(Get(e, Fields.Address)),
            Start = e.TimeCreated,
            StartRecordId = e.DisplayRecordId(),
        };
        if (_openRdp.Remove((computer, id), out var previous)) _rdpSessions.Add(previous);
        _openRdp[(computer, id)] = session;
        AddRdpEdge(session.SourceAddress, session.Account, computer, e.TimeCreated, 21);
    }

    void RdpLogoff(EventFields e, string computer)
    {
        var id = ParseInt(Get(e, Fields.SessionID));
        if (!_openRdp.Remove((computer, id), out var session))
        {
            _unmatchedEnds++;
            return;
        }
        session.End = e.TimeCreated;
        _rdpSessions.Add(session);
    }

    void RdpReconnect(EventFields e, string computer)
    {
        var address = Address(Get(e, Fields.Address));
        RdpActivity(e, computer, Fields.SessionID, SessionActivityKind.Reconnect, null);
        AddRdpEdge(address, _pool.Get(Get(e, Fields.User)), computer, e.TimeCreated, 25);
    }

    void RdpActivity(EventFields e, string computer, int sessionField, SessionActivityKind kind, string? detail)
    {
        var id = ParseInt(Get(e, sessionField));
        if (_openRdp.TryGetValue((computer, id), out var session))
            session.AddActivity(new SessionActivity(e.TimeCreated, kind, e.EventId, Address(Get(e, Fields.Address)), detail));
        else
            _unmatchedActivity++;
    }

    void AddRdpEdge(string? address, string account, string computer, long time, int eventId)
    {
        if (address is null || address.Equals("LOCAL", StringComparison.OrdinalIgnoreCase) || account.Length == 0) return;
        _graph.Add(new Authentication(time, address, account, computer, AccessProtocol.Rdp, true, 10, false, eventId));
    }

    bool AddRemoteConnectionManager(EventFields e, string computer)
    {
        if (e.EventId == 261) return true; // listener received a connection: counted, carries no identity
        if (e.EventId != 1149) return false;
        var account = Account(Get(e, Fields.Param2), Get(e, Fields.Param1));
        var address = Address(Get(e, Fields.Param3));
        if (_rdpAuths.Count < _options.MaxRdpActivityKept)
            _rdpAuths.Add(new RdpAuthentication(e.TimeCreated, computer, account, address, e.DisplayRecordId()));
        if (address != null && account.Length != 0)
            _graph.Add(new Authentication(e.TimeCreated, address, account, computer, AccessProtocol.Rdp, true, 10, false, 1149));
        return true;
    }

    bool AddRdpClient(EventFields e, string computer)
    {
        if (e.EventId is not (1024 or 1102)) return false;
        var target = Get(e, Fields.Value);
        if (target.IsEmpty || IsLocalName(target, computer)) return true;
        _graph.Add(new Authentication(e.TimeCreated, computer, "", _pool.Get(target), AccessProtocol.RdpClient, true, -1, false, e.EventId));
        return true;
    }

    bool AddGateway(EventFields e, string computer)
    {
        var account = _pool.Get(Get(e, Fields.Username));
        var address = Address(Get(e, Fields.IpAddress));
        var resource = GetPooled(e, Fields.Resource);
        if (e.EventId == 302)
        {
            var session = new RdpSession
            {
                Kind = RdpSessionKind.Gateway,
                Computer = computer,
                SessionId = -1,
                Account = account,
                SourceAddress = address,
                Resource = resource,
                Start = e.TimeCreated,
                StartRecordId = e.DisplayRecordId(),
            };
            _openGateway.Add(session);
            if (address != null)
                _graph.Add(new Authentication(e.TimeCreated, address, account, computer, AccessProtocol.RdGateway, true, -1, false, 302));
            if (resource != null && !IsLocalName(resource, computer))
                _graph.Add(new Authentication(e.TimeCreated, computer, account, resource, AccessProtocol.RdGateway, true, -1, false, 302));
            return true;
        }
        if (e.EventId != 303) return false;
        // The oldest open connection of the same user, address and resource ends.
        for (var i = 0; i < _openGateway.Count; i++)
        {
            var s = _openGateway[i];
            if (s.Computer == computer && s.Account == account && s.SourceAddress == address && s.Resource == resource)
            {
                s.End = e.TimeCreated;
                _openGateway.RemoveAt(i);
                _rdpSessions.Add(s);
                return true;
            }
        }
        _unmatchedEnds++;
        return true;
    }
}
