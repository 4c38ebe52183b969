using System.DirectoryServices.Protocols;
using System.Net;

namespace Harrier.Exposure.Ad;

/// <summary>
/// One bound LDAP connection (System.DirectoryServices.Protocols) with paged subtree searches.
/// On Linux the library binds through OpenLDAP: simple binds over LDAPS/StartTLS, or SASL GSSAPI
/// (Kerberos) from the ticket cache; certificate trust comes from <c>CaDirectory</c> or the
/// LDAPTLS_* environment, since the verification callback is not supported there.
/// </summary>
sealed class LdapDirectory : IDisposable
{
    readonly LdapConnection _connection;
    readonly int _pageSize;

    LdapDirectory(LdapConnection connection, int pageSize)
    {
        _connection = connection;
        _pageSize = pageSize;
    }

    public static LdapDirectory Open(AdAuditOptions options, NetworkCredential? credential)
    {
        if (!options.Kerberos && options.Transport == LdapTransport.Plain)
            throw new AdConnectionException("a simple bind without TLS would send the password in clear: use LDAPS, StartTLS or Kerberos");
        if (!options.Kerberos && credential is null)
            throw new AdConnectionException("a simple bind needs a user and a password");
        var where = $"{options.Server}:{options.EffectivePort}";
        var connection = new LdapConnection(new LdapDirectoryIdentifier(options.Server, options.EffectivePort, fullyQualifiedDnsHostName: true, connectionless: false))
        {
            AuthType = options.Kerberos ? AuthType.Kerberos : AuthType.Basic,
            Timeout = options.Timeout,
            AutoBind = false,
        };
        try
        {
            var so = connection.SessionOptions;
            so.ProtocolVersion = 3;
            so.ReferralChasing = ReferralChasingOptions.None;
            if (options.Transport == LdapTransport.Ldaps) so.SecureSocketLayer = true;
            if (options.CaDirectory is { } ca)
            {
                if (OperatingSystem.IsWindows())
                    throw new AdConnectionException("--ca-dir is not supported on Windows: add the CA to the machine's certificate store");
                so.TrustedCertificatesDirectory = ca;
                so.StartNewTlsSessionContext();
            }
            if (options.Transport == LdapTransport.StartTls) so.StartTransportLayerSecurity(null);
            if (options.Kerberos) connection.Bind();
            else connection.Bind(credential);
            return new LdapDirectory(connection, options.PageSize);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or PlatformNotSupportedException)
        {
            connection.Dispose();
            throw new AdConnectionException($"{where}: {Explain(e, options)}", e);
        }
    }

    /// <summary>A base-scope read of one object; null when it does not exist or cannot be read.</summary>
    public SearchResultEntry? ReadBase(string dn, params string[] attributes)
    {
        try
        {
            var response = (SearchResponse)_connection.SendRequest(new SearchRequest(dn, "(objectClass=*)", SearchScope.Base, attributes));
            return response.Entries.Count > 0 ? response.Entries[0] : null;
        }
        catch (DirectoryOperationException) { return null; }
    }

    /// <summary>Every entry under <paramref name="baseDn"/> matching <paramref name="filter"/>, page by page.</summary>
    public IEnumerable<SearchResultEntry> Search(string baseDn, string filter, params string[] attributes)
    {
        var page = new PageResultRequestControl(_pageSize) { IsCritical = true };
        while (true)
        {
            var request = new SearchRequest(baseDn, filter, SearchScope.Subtree, attributes);
            request.Controls.Add(page);
            SearchResponse response;
            try { response = (SearchResponse)_connection.SendRequest(request); }
            catch (Exception e) when (e is LdapException or DirectoryOperationException)
            {
                throw new AdConnectionException($"search {filter} under {baseDn} failed: {e.Message}", e);
            }
            foreach (SearchResultEntry entry in response.Entries) yield return entry;
            var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
            if (cookie is null || cookie.Length == 0) yield break;
            page.Cookie = cookie;
        }
    }

    /// <summary>All values of a multi-valued attribute that the server returned in ranges (member;range=0-1499 …).</summary>
    public IEnumerable<string> RangedValues(string dn, string attribute, int from)
    {
        while (true)
        {
            var entry = ReadBase(dn, $"{attribute};range={from}-*");
            if (entry is null) yield break;
            string? name = entry.Attributes.AttributeNames.Cast<string>()
                .FirstOrDefault(n => n.StartsWith(attribute + ";range=", StringComparison.OrdinalIgnoreCase));
            if (name is null) yield break;
            var values = entry.Attributes[name].GetValues(typeof(string)).Cast<string>().ToList();
            foreach (var v in values) yield return v;
            var range = name[(name.IndexOf('=') + 1)..];
            var end = range[(range.IndexOf('-') + 1)..];
            if (end == "*" || values.Count == 0) yield break;
            from = int.Parse(end, System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
    }

    static string Explain(Exception e, AdAuditOptions options)
    {
        var code = e is LdapException le ? le.ErrorCode : e is DirectoryOperationException de ? (int)(de.Response?.ResultCode ?? 0) : -1;
        var server = (e as LdapException)?.ServerErrorMessage;
        var hint = code switch
        {
            49 => "invalid credentials (wrong user or password, or the account is locked/disabled)",
            8 => "the server requires a stronger authentication (use --ldaps or --starttls)",
            81 => options.Transport != LdapTransport.Plain
                ? "cannot reach the server or the TLS handshake failed (an untrusted certificate? pass --ca-dir or set LDAPTLS_CACERT; the host name must match it)"
                : "cannot reach the server",
            85 => "timed out",
            91 => "cannot connect (TLS: is the certificate trusted? set LDAPTLS_CACERT or pass --ca-dir)",
            82 when options.Kerberos => "the Kerberos (GSSAPI) bind failed: is there a ticket (kinit)? does the server name have an ldap/ SPN? try LDAPSASL_NOCANON=on",
            _ => null,
        };
        var text = hint is null ? e.Message : $"{hint} [{e.Message.TrimEnd('.')}]";
        return string.IsNullOrEmpty(server) ? text : $"{text}; server said: {server}";
    }

    public void Dispose() => _connection.Dispose();
}
