using Harrier.Evtx.Events;
using Harrier.Investigation.Graph;

namespace Harrier.Investigation.Sessions;

/// <summary>
/// Stitches logon and RDP sessions from a stream of events, one event at a time, in one pass.
/// </summary>
/// <remarks>
/// Memory: an open session holds a bounded amount of state (<see cref="LogonSession.MaxActivity"/>);
/// closed sessions, failure groups and graph edges are kept as results (one object per session or
/// distinct (source, account, target), never per event). Strings come from a pool: one allocation per
/// distinct host/account/address. Events may come from several files in any file order: linking
/// across logs (RDP ↔ logon, 1149 ↔ 21) happens in <see cref="Finish"/>.
/// </remarks>
public sealed partial class SessionStitcher
{
    const long TicksPerSecond = 10_000_000;

    readonly InvestigationOptions _options;
    readonly StringPool _pool = new();
    readonly Dictionary<(string Computer, ulong LogonId), LogonSession> _open = [];
    readonly Dictionary<(string Computer, ulong LogonId), long> _pendingElevation = [];
    readonly List<LogonSession> _sessions = [];
    readonly Dictionary<(string Computer, int SessionId), RdpSession> _openRdp = [];
    readonly List<RdpSession> _rdpSessions = [];
    readonly List<RdpSession> _openGateway = [];
    readonly List<RdpAuthentication> _rdpAuths = [];
    readonly Dictionary<(string Source, string Account, string Target), LogonFailure> _failures = [];
    readonly AccessGraphBuilder _graph;
    readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    readonly SortedDictionary<int, long> _eventCounts = [];
    long _events, _first = long.MaxValue, _last = long.MinValue, _unmatchedEnds, _unmatchedActivity;

    public SessionStitcher(InvestigationOptions? options = null)
    {
        _options = options ?? InvestigationOptions.Default;
        _graph = new AccessGraphBuilder(_options.Graph);
    }

    /// <summary>Consumes one event. Nothing of <paramref name="e"/> is retained (its buffers may be reused).</summary>
    public void Add(EventFields e)
    {
        _events++;
        var time = e.TimeCreated;
        if (time != 0)
        {
            if (time < _first) _first = time;
            if (time > _last) _last = time;
        }
        if (!e.TryGet(Fields.Computer, out var computerSpan)) computerSpan = default;
        var computer = _pool.Get(computerSpan.Trim());
        if (computer.Length != 0) _hosts.Add(computer);
        if (!LogSources.IsCandidate(e.EventId) || !e.TryGet(Fields.Channel, out var channel)) return;
        var handled = LogSources.Classify(channel) switch
        {
            LogSource.Security => AddSecurity(e, computer),
            LogSource.LocalSessionManager => AddLocalSessionManager(e, computer),
            LogSource.RemoteConnectionManager => AddRemoteConnectionManager(e, computer),
            LogSource.RdpClient => AddRdpClient(e, computer),
            LogSource.Gateway => AddGateway(e, computer),
            _ => false,
        };
        if (handled)
            _eventCounts[e.EventId] = _eventCounts.GetValueOrDefault(e.EventId) + 1;
    }

    /// <summary>Closes what is still open, links RDP to logon sessions, builds the access graph.</summary>
    public InvestigationResult Finish()
    {
        foreach (var s in _open.Values) _sessions.Add(s);
        _open.Clear();
        foreach (var r in _openRdp.Values) _rdpSessions.Add(r);
        _openRdp.Clear();
        _rdpSessions.AddRange(_openGateway);
        _openGateway.Clear();
        _sessions.Sort(SessionOrder);
        _rdpSessions.Sort(RdpOrder);
        var linker = new SessionLinker(_sessions, _options);
        linker.LinkRdp(_rdpSessions, _rdpAuths);
        foreach (var s in _sessions)
            if (IsGraphLogon(s))
                _graph.Add(new Authentication(s.Start, SessionSource(s), s.Account, s.Computer, AccessProtocol.Logon,
                    true, s.LogonType, s.Elevated, 4624));
        foreach (var s in _sessions)
            if (s.SourceAddress != null && s.SourceWorkstation != null) _graph.AddAlias(s.SourceAddress, s.SourceWorkstation);
        var failures = _failures.Values.ToList();
        failures.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First)
            : (a.Target, a.Account, a.Source).CompareTo((b.Target, b.Account, b.Source)));
        var hosts = _hosts.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var scope = new InvestigationScope(_events, _first == long.MaxValue ? 0 : _first, _last == long.MinValue ? 0 : _last,
            hosts, new SortedDictionary<int, long>(_eventCounts), _unmatchedEnds, _unmatchedActivity);
        return new InvestigationResult(scope, _sessions, _rdpSessions, failures, _graph.Build(hosts));
    }

    static int SessionOrder(LogonSession a, LogonSession b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c != 0) return c;
        c = string.Compare(a.Computer, b.Computer, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : a.StartRecordId.CompareTo(b.StartRecordId);
    }

    static int RdpOrder(RdpSession a, RdpSession b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c != 0) return c;
        c = string.Compare(a.Computer, b.Computer, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : a.StartRecordId.CompareTo(b.StartRecordId);
    }

    bool IsGraphLogon(LogonSession s) =>
        s.LogonType is not (0 or 5) && !WellKnownAccounts.IsNoise(s.Account, s.AccountSid)
        && (_options.Graph.IncludeMachineAccounts || !s.Account.EndsWith('$'));

    static string? SessionSource(LogonSession s) => s.SourceAddress ?? s.SourceWorkstation;

    void Fail(string source, string account, string target, long time, int eventId, ReadOnlySpan<char> reason, AccessProtocol protocol, int logonType)
    {
        if (!_failures.TryGetValue((source, account, target), out var f))
            _failures[(source, account, target)] = f = new LogonFailure { Source = source, Account = account, Target = target };
        f.Add(time, eventId, reason);
        if (!WellKnownAccounts.IsNoise(account, null))
            _graph.Add(new Authentication(time, source.Length == 0 ? null : source, account, target, protocol, false, logonType, false, eventId));
    }

    // ---- span helpers -------------------------------------------------------------------

    /// <summary>The field's first value trimmed, with Windows' "-" placeholder read as empty.</summary>
    static ReadOnlySpan<char> Get(EventFields e, int field)
    {
        if (!e.TryGet(field, out var v)) return default;
        v = v.Trim();
        return v is "-" ? default : v;
    }

    string? GetPooled(EventFields e, int field)
    {
        var v = Get(e, field);
        return v.IsEmpty ? null : _pool.Get(v);
    }

    /// <summary>"DOMAIN\user" pooled; the user alone when the domain is empty.</summary>
    string Account(ReadOnlySpan<char> domain, ReadOnlySpan<char> user)
    {
        if (domain.IsEmpty || user.Contains('\\') || user.Contains('@')) return _pool.Get(user);
        Span<char> buf = stackalloc char[Math.Min(domain.Length + user.Length + 1, 512)];
        if (domain.Length + user.Length + 1 > buf.Length) return _pool.Get(string.Concat(domain, "\\", user));
        domain.CopyTo(buf);
        buf[domain.Length] = '\\';
        user.CopyTo(buf[(domain.Length + 1)..]);
        return _pool.Get(buf);
    }

    /// <summary>An address as logged, without the IPv4-mapped IPv6 prefix; null for none.</summary>
    string? Address(ReadOnlySpan<char> v)
    {
        v = v.Trim();
        if (v.IsEmpty || v is "-") return null;
        if (v.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase) && v[7..].Contains('.')) v = v[7..];
        return _pool.Get(v);
    }

    static bool TryParseHex(ReadOnlySpan<char> v, out ulong value)
    {
        v = v.Trim();
        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) v = v[2..];
        return ulong.TryParse(v, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    static int ParseInt(ReadOnlySpan<char> v, int fallback = -1) =>
        int.TryParse(v.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>Status codes that mean success: empty, 0x0 or 0.</summary>
    static bool IsSuccessStatus(ReadOnlySpan<char> status) =>
        status.IsEmpty || (TryParseHex(status, out var code) && code == 0);
}
