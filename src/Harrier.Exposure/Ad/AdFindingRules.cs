using System.Globalization;
using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

/// <summary>
/// The AD rules: each reads the snapshot and yields one finding per offending object, with the
/// attribute values that prove it. One rule family per file (Kerberos, Passwords, Delegation, Hygiene).
/// Unless a rule says otherwise, disabled accounts are skipped: they cannot log on or get tickets.
/// </summary>
public static partial class AdFindingRules
{
    public static IReadOnlyList<ExposureFinding> Evaluate(AdSnapshot snapshot, DateTimeOffset asOf, AdAuditOptions options)
    {
        var ctx = new Context(snapshot, new PrivilegedMembership(snapshot), asOf, options);
        var all = Kerberos(ctx).Concat(Passwords(ctx)).Concat(Delegation(ctx)).Concat(Hygiene(ctx));
        return FindingOrder.Sort(all);
    }

    sealed record Context(AdSnapshot Snapshot, PrivilegedMembership Privileged, DateTimeOffset AsOf, AdAuditOptions Options)
    {
        public IEnumerable<AdAccount> EnabledUsers => Snapshot.Accounts.Where(a => a.Enabled && !a.IsComputer);
        public IEnumerable<AdAccount> Enabled => Snapshot.Accounts.Where(a => a.Enabled);
        public double AgeDays(DateTimeOffset? t) => t is { } v ? (AsOf - v).TotalDays : double.PositiveInfinity;
    }

    static ExposureFinding Finding(Context ctx, AdAccount a, string id, string title, Severity severity, string fix, IEnumerable<FindingEvidence> evidence)
    {
        var list = new List<FindingEvidence>(evidence);
        if (ctx.Privileged.PathOf(a) is { } via && !list.Any(e => e.Name == "privileged via")) list.Add(new("privileged via", via));
        return new ExposureFinding
        {
            Id = id,
            Title = title,
            Severity = severity,
            Subject = SubjectOf(ctx.Snapshot, a),
            Evidence = list,
            Fix = fix,
        };
    }

    static ExposureSubject SubjectOf(AdSnapshot s, AdAccount a) => new()
    {
        Kind = a.IsComputer ? SubjectKind.Computer : SubjectKind.Account,
        Name = a.SamAccountName,
        DistinguishedName = a.DistinguishedName,
        SamAccountName = a.SamAccountName,
        UserPrincipalName = a.UserPrincipalName,
        Sid = a.Sid,
        Domain = s.DnsDomain,
        NetbiosDomain = s.NetbiosDomain,
        Host = a.IsComputer ? a.SamAccountName.TrimEnd('$') : null,
    };

    static FindingEvidence Uac(AdAccount a) =>
        new("userAccountControl", $"{(uint)a.Uac} (0x{(uint)a.Uac:X}: {FlagNames(a.Uac)})");

    static string FlagNames(UserAccountControl uac) =>
        string.Join("|", Enum.GetValues<UserAccountControl>().Where(f => f != 0 && uac.HasFlag(f)).Select(ToConstantName));

    static string ToConstantName(UserAccountControl f) => f switch
    {
        UserAccountControl.AccountDisable => "ACCOUNTDISABLE",
        UserAccountControl.PasswordNotRequired => "PASSWD_NOTREQD",
        UserAccountControl.EncryptedTextPasswordAllowed => "ENCRYPTED_TEXT_PWD_ALLOWED",
        UserAccountControl.NormalAccount => "NORMAL_ACCOUNT",
        UserAccountControl.WorkstationTrustAccount => "WORKSTATION_TRUST_ACCOUNT",
        UserAccountControl.ServerTrustAccount => "SERVER_TRUST_ACCOUNT",
        UserAccountControl.DontExpirePassword => "DONT_EXPIRE_PASSWORD",
        UserAccountControl.TrustedForDelegation => "TRUSTED_FOR_DELEGATION",
        UserAccountControl.NotDelegated => "NOT_DELEGATED",
        UserAccountControl.UseDesKeyOnly => "USE_DES_KEY_ONLY",
        UserAccountControl.DontRequirePreauth => "DONT_REQ_PREAUTH",
        UserAccountControl.TrustedToAuthForDelegation => "TRUSTED_TO_AUTH_FOR_DELEGATION",
        UserAccountControl.PartialSecretsAccount => "PARTIAL_SECRETS_ACCOUNT",
        _ => f.ToString(),
    };

    static FindingEvidence Time(string name, DateTimeOffset? t, DateTimeOffset asOf) =>
        new(name, t is { } v
            ? $"{v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({(int)Math.Floor((asOf - v).TotalDays)} days ago)"
            : "never");

    static string Enctypes(KerberosEncryptionTypes? e) => e is { } v
        ? $"{(uint)v} ({string.Join("|", Enum.GetValues<KerberosEncryptionTypes>().Where(f => f != 0 && v.HasFlag(f)))})"
        : "not set (the KDC issues RC4 tickets)";
}
