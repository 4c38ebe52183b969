using System.Net;
using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

/// <summary>Binds to the directory, reads the snapshot, evaluates the rules. The credential is used for the bind only.</summary>
public static class AdAuditor
{
    /// <summary>Runs the audit; throws <see cref="AdConnectionException"/> when the directory cannot be bound or read.</summary>
    public static ExposureFindings Run(AdAuditOptions options, NetworkCredential? credential)
    {
        var asOf = options.Clock.GetUtcNow();
        AdSnapshot snapshot;
        using (var ldap = LdapDirectory.Open(options, credential)) snapshot = AdSnapshotReader.Read(ldap, options.BaseDn);
        return new ExposureFindings
        {
            Audit = "ad",
            AsOf = asOf,
            Scope = $"ldap{(options.Transport == LdapTransport.Ldaps ? "s" : "")}://{options.Server}:{options.EffectivePort}/{options.BaseDn}",
            Findings = AdFindingRules.Evaluate(snapshot, asOf, options),
        };
    }
}
