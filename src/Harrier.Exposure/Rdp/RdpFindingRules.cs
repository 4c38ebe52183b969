using System.Globalization;
using System.Net;
using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Rdp;

/// <summary>Turns what an endpoint answered into findings (RDP-NLA-NOT-ENFORCED, RDP-CERT-*, RDP-NTLM-INFO).</summary>
public static class RdpFindingRules
{
    /// <summary>Top-level domains that only exist inside organisations (a certificate naming one leaks an internal name).</summary>
    static readonly HashSet<string> InternalSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "local", "internal", "corp", "lan", "intra", "intranet", "home", "localdomain", "private", "ad", "int", "domain", "priv", "test", "arpa",
    };

    const int MinRsaKeyBits = 2048;

    public static IEnumerable<ExposureFinding> For(RdpEndpointReport r)
    {
        if (r.Error is not null) yield break;
        var subject = SubjectOf(r);

        var weak = r.Negotiations.Where(n => n.AcceptedWithoutNla).ToList();
        if (weak.Count > 0)
        {
            var evidence = weak.Select(n => new FindingEvidence($"offer {n.Offer}",
                n.Outcome == NegotiationOutcome.LegacyStandardRdp ? "accepted: legacy confirm, standard RDP security"
                : $"selected {n.SelectedName}{(n.SelectedNotOffered ? " (not offered)" : "")}")).ToList();
            foreach (var n in r.Negotiations.Where(n => !n.AcceptedWithoutNla))
                evidence.Add(new FindingEvidence($"offer {n.Offer}", Describe(n)));
            yield return new ExposureFinding
            {
                Id = FindingIds.NlaNotEnforced,
                Title = "RDP accepts connections without Network Level Authentication",
                Severity = Severity.High,
                Subject = subject,
                Evidence = evidence,
                Fix = "Require NLA: Group Policy 'Require user authentication for remote connections by using Network Level Authentication' "
                    + "(UserAuthentication=1) and Security Layer = SSL with CredSSP; on xrdp there is no NLA, put it behind an RD Gateway or VPN.",
            };
        }

        if (r.Certificate is { } c)
        {
            var leaked = c.HostNames().Where(IsInternalName).ToList();
            if (leaked.Count > 0)
            {
                yield return new ExposureFinding
                {
                    Id = FindingIds.CertificateInternalName,
                    Title = "The RDP certificate discloses an internal host or domain name",
                    Severity = leaked.Any(n => n.Contains('.')) ? Severity.Medium : Severity.Low,
                    Subject = subject,
                    Evidence =
                    [
                        .. leaked.Select(n => new FindingEvidence("certificate name", n)),
                        new("subject", c.Subject), new("issuer", c.Issuer),
                        new("self-signed", c.SelfSigned ? "yes" : "no"),
                        new("valid", $"{Iso(c.NotBefore)} to {Iso(c.NotAfter)}"), new("sha256", c.Sha256),
                    ],
                    Fix = "Issue the RDP listener a certificate for the name clients use (from your CA), or keep the endpoint off untrusted networks; "
                        + "the default self-signed certificate carries the machine's FQDN.",
                };
            }
            if (c.KeyAlgorithm == "RSA" && c.KeySize < MinRsaKeyBits)
            {
                yield return new ExposureFinding
                {
                    Id = FindingIds.CertificateWeakKey,
                    Title = "The RDP certificate has a weak RSA key",
                    Severity = Severity.Medium,
                    Subject = subject,
                    Evidence = [new("key", $"RSA {c.KeySize} bits"), new("subject", c.Subject), new("sha256", c.Sha256)],
                    Fix = $"Replace the certificate with one whose RSA key has at least {MinRsaKeyBits} bits (or ECDSA P-256).",
                };
            }
        }

        if (r.Ntlm is { } ntlm)
        {
            var evidence = new List<FindingEvidence>();
            void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) evidence.Add(new FindingEvidence(name, value)); }
            Add("NetBIOS domain", ntlm.NetbiosDomainName);
            Add("NetBIOS computer", ntlm.NetbiosComputerName);
            Add("DNS domain", ntlm.DnsDomainName);
            Add("DNS computer", ntlm.DnsComputerName);
            Add("DNS forest", ntlm.DnsTreeName);
            Add("target name", ntlm.TargetName);
            Add("OS version", ntlm.OsVersion);
            yield return new ExposureFinding
            {
                Id = FindingIds.NtlmInfoDisclosure,
                Title = "NTLM over CredSSP discloses the host, domain and OS version to anyone who connects",
                Severity = Severity.Low,
                Subject = subject,
                Evidence = evidence,
                Fix = "Expected of any NTLM-capable RDP listener: do not expose it to untrusted networks (RD Gateway, VPN, firewall scope).",
            };
        }
    }

    /// <summary>A name that should not be visible outside the organisation: a bare host name or a name under an internal-only suffix.</summary>
    public static bool IsInternalName(string name)
    {
        var n = name.Trim().TrimEnd('.');
        if (n.Length == 0 || IPAddress.TryParse(n, out _)) return false;
        if (n.Equals("localhost", StringComparison.OrdinalIgnoreCase) || n.StartsWith("localhost.", StringComparison.OrdinalIgnoreCase)) return false;
        var dot = n.LastIndexOf('.');
        return dot < 0 || InternalSuffixes.Contains(n[(dot + 1)..]);
    }

    static ExposureSubject SubjectOf(RdpEndpointReport r)
    {
        var aliases = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in r.Certificate?.HostNames() ?? []) aliases.Add(n);
        if (r.Ntlm is { } t)
            foreach (var n in new[] { t.DnsComputerName, t.NetbiosComputerName })
                if (!string.IsNullOrEmpty(n)) aliases.Add(n);
        aliases.Remove(r.Host);
        return new ExposureSubject
        {
            Kind = SubjectKind.Endpoint,
            Name = new RdpTarget(r.Target, r.Host, r.Port).ToString(),
            Host = r.Host,
            Address = r.Address,
            Port = r.Port,
            HostAliases = aliases.Count > 0 ? aliases.ToList() : null,
            Domain = r.Ntlm?.DnsDomainName,
            NetbiosDomain = r.Ntlm?.NetbiosDomainName,
        };
    }

    static string Describe(RdpNegotiation n) => n.Outcome switch
    {
        NegotiationOutcome.Refused => $"refused: {n.FailureName}",
        NegotiationOutcome.Selected => $"selected {n.SelectedName}",
        NegotiationOutcome.Error => $"error: {n.Error}",
        _ => n.Outcome.ToString(),
    };

    static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
