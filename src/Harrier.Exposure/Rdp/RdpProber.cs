using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Harrier.Exposure.Findings;
using Harrier.Exposure.Rdp.Protocol;

namespace Harrier.Exposure.Rdp;

/// <summary>
/// Probes one RDP endpoint: one fresh connection per offered protocol set (standard RDP, TLS,
/// CredSSP, CredSSP with early user authorization) recording what the server selects; a TLS
/// handshake to read the certificate; and, over CredSSP, an NTLM NEGOTIATE to read the names the
/// CHALLENGE discloses. Never sends credentials. Every network step is bounded by the timeout.
/// </summary>
public sealed class RdpProber(RdpAuditOptions options)
{
    static readonly (string Offer, RdpProtocols Requested)[] Offers =
    [
        ("RDP", RdpProtocols.StandardRdp),
        ("TLS", RdpProtocols.Tls),
        ("CredSSP", RdpProtocols.Tls | RdpProtocols.CredSsp),
        ("CredSSP+EarlyUserAuth", RdpProtocols.Tls | RdpProtocols.CredSsp | RdpProtocols.CredSspEarlyUserAuth),
    ];

    readonly TimeSpan _timeout = options.Timeout;

    public async Task<RdpEndpointReport> ProbeAsync(RdpTarget target, CancellationToken cancellationToken = default)
    {
        IPAddress address;
        try { address = await ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false); }
        catch (ProbeFailure f) { return Failed(target, null, f); }

        var negotiations = new List<RdpNegotiation>();
        var notes = new List<string>();
        TlsCertificateInfo? certificate = null;
        NtlmTargetInfo? ntlm = null;
        foreach (var (offer, requested) in Offers)
        {
            try
            {
                using var socket = await ConnectAsync(address, target.Port, cancellationToken).ConfigureAwait(false);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                var negotiation = await NegotiateAsync(stream, offer, requested, cancellationToken).ConfigureAwait(false);
                negotiations.Add(negotiation);
                if (negotiation is { Outcome: NegotiationOutcome.Selected, Selected: { } selected }
                    && selected is RdpProtocols.Tls or RdpProtocols.CredSsp or RdpProtocols.CredSspEarlyUserAuth
                    && (certificate is null || (ntlm is null && RdpProtocolNames.IsNla(selected))))
                {
                    var (cert, nt) = await SecureAsync(stream, target.Host, RdpProtocolNames.IsNla(selected) && ntlm is null, notes, cancellationToken)
                        .ConfigureAwait(false);
                    certificate ??= cert;
                    ntlm ??= nt;
                }
            }
            catch (ProbeFailure f) when (negotiations.Count == 0)
            {
                return Failed(target, address, f);   // refused, silent or not RDP: say so once, clearly
            }
            catch (ProbeFailure f)
            {
                negotiations.Add(new RdpNegotiation { Offer = offer, Requested = requested, Outcome = NegotiationOutcome.Error, Error = f.Message });
            }
        }
        return new RdpEndpointReport
        {
            Target = target.Text, Host = target.Host, Address = address.ToString(), Port = target.Port,
            Negotiations = negotiations, Certificate = certificate, Ntlm = ntlm, Notes = notes,
        };
    }

    RdpEndpointReport Failed(RdpTarget target, IPAddress? address, ProbeFailure f) => new()
    {
        Target = target.Text, Host = target.Host, Address = address?.ToString(), Port = target.Port, Negotiations = [],
        Error = new ExposureError(target.ToString(), f.Kind, f.Message),
    };

    async Task<IPAddress> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal)) return literal;
        using var cts = Bounded(ct);
        try
        {
            var all = await Dns.GetHostAddressesAsync(host, cts.Token).ConfigureAwait(false);
            return all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault()
                ?? throw new ProbeFailure(ProbeFailure.NameNotFound, $"host name '{host}' has no address");
        }
        catch (SocketException e) { throw new ProbeFailure(ProbeFailure.NameNotFound, $"host name '{host}' does not resolve: {e.Message}"); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ProbeFailure(ProbeFailure.Timeout, $"resolving '{host}' took longer than {Seconds}");
        }
    }

    async Task<Socket> ConnectAsync(IPAddress address, int port, CancellationToken ct)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = Bounded(ct);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception e)
        {
            socket.Dispose();
            throw e switch
            {
                SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
                    new ProbeFailure(ProbeFailure.Refused, $"connection refused: nothing listens on port {port}"),
                SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable } se =>
                    new ProbeFailure(ProbeFailure.Unreachable, $"unreachable: {se.Message}"),
                SocketException { SocketErrorCode: SocketError.TimedOut } or OperationCanceledException when !ct.IsCancellationRequested =>
                    new ProbeFailure(ProbeFailure.Timeout, $"no TCP connection within {Seconds} (filtered port or host down)"),
                SocketException se => new ProbeFailure(ProbeFailure.Unreachable, $"connect failed: {se.Message}"),
                _ => e,
            };
        }
    }

    async Task<RdpNegotiation> NegotiateAsync(NetworkStream stream, string offer, RdpProtocols requested, CancellationToken ct)
    {
        using var cts = Bounded(ct);
        var header = new byte[X224.TpktHeaderLength];
        try
        {
            await stream.WriteAsync(X224.ConnectionRequest(requested), cts.Token).ConfigureAwait(false);
            int got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cts.Token).ConfigureAwait(false);
            if (got == 0)
                throw new ProbeFailure(ProbeFailure.NotRdp, "the server closed the connection without answering the X.224 Connection Request (not RDP?)");
            if (got < header.Length || !X224.LooksLikeTpkt(header))
                throw new ProbeFailure(ProbeFailure.NotRdp, $"not RDP: the reply is not an X.224 Connection Confirm; it starts with {await ExcerptAsync(stream, header.AsSpan(0, got).ToArray(), ct).ConfigureAwait(false)}");
            var packet = new byte[X224.PacketLength(header)];
            header.CopyTo(packet, 0);
            await stream.ReadExactlyAsync(packet.AsMemory(header.Length), cts.Token).ConfigureAwait(false);
            var cc = X224.ParseConnectionConfirm(packet);
            return cc.Kind switch
            {
                NegotiationKind.Response => new RdpNegotiation { Offer = offer, Requested = requested, Outcome = NegotiationOutcome.Selected, Selected = (RdpProtocols)cc.Value },
                NegotiationKind.Failure => new RdpNegotiation { Offer = offer, Requested = requested, Outcome = NegotiationOutcome.Refused, FailureCode = cc.Value },
                _ => new RdpNegotiation { Offer = offer, Requested = requested, Outcome = NegotiationOutcome.LegacyStandardRdp, Selected = RdpProtocols.StandardRdp },
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ProbeFailure(ProbeFailure.Timeout, $"connected, but no reply to the X.224 Connection Request within {Seconds} (a silent port, or not RDP)");
        }
        catch (RdpProtocolException e) { throw new ProbeFailure(ProbeFailure.NotRdp, $"not RDP: {e.Message}"); }
        catch (EndOfStreamException) { throw new ProbeFailure(ProbeFailure.NotRdp, "not RDP: the connection closed inside the X.224 Connection Confirm"); }
        catch (IOException e) { throw new ProbeFailure(ProbeFailure.Reset, $"connection reset during negotiation: {e.Message}"); }
    }

    async Task<(TlsCertificateInfo? Certificate, NtlmTargetInfo? Ntlm)> SecureAsync(
        NetworkStream stream, string host, bool askNtlm, List<string> notes, CancellationToken ct)
    {
        X509Certificate2? seen = null;
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
        var tls = new SslClientAuthenticationOptions
        {
            // An auditor must see whatever certificate the server has; its trust is reported, not enforced.
            RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                seen = cert is null ? null : new X509Certificate2(cert);
                return true;
            },
            TargetHost = IPAddress.TryParse(host, out _) ? "" : host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        TlsCertificateInfo? info = null;
        try
        {
            using (var cts = Bounded(ct)) await ssl.AuthenticateAsClientAsync(tls, cts.Token).ConfigureAwait(false);
            if (seen is not null) info = Describe(seen, ssl);
            if (!askNtlm) return (info, null);
            return (info, await NtlmAsync(ssl, notes, ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            notes.Add(info is null ? $"TLS handshake did not finish within {Seconds}" : $"no CredSSP reply within {Seconds}");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or RdpProtocolException)
        {
            notes.Add(info is null ? $"TLS handshake failed: {e.Message}" : $"CredSSP exchange failed: {e.Message}");
        }
        finally { seen?.Dispose(); }
        return (info, null);
    }

    async Task<NtlmTargetInfo?> NtlmAsync(SslStream ssl, List<string> notes, CancellationToken ct)
    {
        using var cts = Bounded(ct);
        await ssl.WriteAsync(TsRequest.WithNegoToken(NtlmMessages.Negotiate()), cts.Token).ConfigureAwait(false);
        var buffer = new byte[TsRequest.MaxLength];
        int have = 0, need = -1;
        while (need < 0 || have < need)
        {
            if (have == buffer.Length) throw new RdpProtocolException($"CredSSP reply longer than {TsRequest.MaxLength} bytes", have);
            int n = await ssl.ReadAsync(buffer.AsMemory(have, need < 0 ? Math.Min(6, buffer.Length - have) : need - have), cts.Token).ConfigureAwait(false);
            if (n == 0) throw new RdpProtocolException("the server closed CredSSP before replying", have);
            have += n;
            if (need < 0) need = TsRequest.ElementLength(buffer.AsSpan(0, have));
            if (need > buffer.Length) throw new RdpProtocolException($"CredSSP reply of {need} bytes exceeds {TsRequest.MaxLength}", 1);
        }
        var (_, token, error) = TsRequest.Parse(buffer.AsMemory(0, need));
        if (token is null)
        {
            notes.Add(error is { } code ? $"CredSSP answered with error 0x{code:X8} instead of an NTLM challenge" : "CredSSP reply carried no NTLM token");
            return null;
        }
        return NtlmMessages.ParseChallenge(token);
    }

    static TlsCertificateInfo Describe(X509Certificate2 c, SslStream ssl)
    {
        var dns = new List<string>();
        var ips = new List<string>();
        foreach (var ext in c.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            dns.AddRange(ext.EnumerateDnsNames());
            ips.AddRange(ext.EnumerateIPAddresses().Select(a => a.ToString()));
        }
        int? keySize = null;
        string keyAlgorithm = c.PublicKey.Oid.FriendlyName ?? c.PublicKey.Oid.Value ?? "unknown";
        using (var rsa = c.GetRSAPublicKey()) if (rsa is not null) { keySize = rsa.KeySize; keyAlgorithm = "RSA"; }
        if (keySize is null)
            using (var ec = c.GetECDsaPublicKey()) if (ec is not null) { keySize = ec.KeySize; keyAlgorithm = "ECDSA"; }
        var cn = c.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return new TlsCertificateInfo
        {
            Subject = c.Subject,
            CommonName = string.IsNullOrEmpty(cn) ? null : cn,
            DnsNames = dns,
            IpAddresses = ips,
            Issuer = c.Issuer,
            SelfSigned = c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData),
            NotBefore = new DateTimeOffset(c.NotBefore.ToUniversalTime()),
            NotAfter = new DateTimeOffset(c.NotAfter.ToUniversalTime()),
            KeyAlgorithm = keyAlgorithm,
            KeySize = keySize,
            Sha256 = c.GetCertHashString(HashAlgorithmName.SHA256),
            TlsVersion = ssl.SslProtocol.ToString(),
            CipherSuite = ssl.NegotiatedCipherSuite.ToString(),
        };
    }

    // What a non-RDP service sent first, as hex and printable text, for the error message.
    async Task<string> ExcerptAsync(NetworkStream stream, byte[] first, CancellationToken ct)
    {
        var bytes = new byte[48];
        first.CopyTo(bytes, 0);
        int have = first.Length;
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromMilliseconds(Math.Min(300, _timeout.TotalMilliseconds)));
            while (have < bytes.Length)
            {
                int n = await stream.ReadAsync(bytes.AsMemory(have), cts.Token).ConfigureAwait(false);
                if (n == 0) break;
                have += n;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException) { }
        var span = bytes.AsSpan(0, have);
        var text = new StringBuilder();
        foreach (var b in span) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        return $"{Convert.ToHexString(span[..Math.Min(8, have)]).ToLowerInvariant()} \"{text}\"";
    }

    CancellationTokenSource Bounded(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_timeout);
        return cts;
    }

    string Seconds => $"{_timeout.TotalSeconds:0.###} s";
}
