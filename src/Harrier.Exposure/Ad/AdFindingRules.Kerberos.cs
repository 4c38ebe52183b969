using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

public static partial class AdFindingRules
{
    const KerberosEncryptionTypes Aes = KerberosEncryptionTypes.Aes128 | KerberosEncryptionTypes.Aes256;
    const KerberosEncryptionTypes Des = KerberosEncryptionTypes.DesCbcCrc | KerberosEncryptionTypes.DesCbcMd5;

    static IEnumerable<ExposureFinding> Kerberos(Context ctx)
    {
        foreach (var a in ctx.EnabledUsers.Where(a => a.ServicePrincipalNames.Count > 0 && !a.IsKrbtgt))
        {
            bool privileged = ctx.Privileged.IsPrivileged(a);
            bool aesOnly = a.SupportedEncryptionTypes is { } et && (et & Aes) != 0 && (et & (KerberosEncryptionTypes.Rc4Hmac | Des)) == 0;
            yield return Finding(ctx, a, FindingIds.Kerberoastable,
                privileged ? "Privileged account with an SPN (Kerberoastable)" : "User account with an SPN (Kerberoastable)",
                privileged ? Severity.Critical : aesOnly ? Severity.Medium : Severity.High,
                "Any domain user can request a service ticket for this SPN and crack the password offline: use a gMSA or a random password of 25+ characters, "
                + "set msDS-SupportedEncryptionTypes to AES only (24), remove SPNs that are not needed, and never put an SPN on a privileged account.",
                [
                    .. a.ServicePrincipalNames.Select(s => new FindingEvidence("servicePrincipalName", s)),
                    new("msDS-SupportedEncryptionTypes", Enctypes(a.SupportedEncryptionTypes)),
                    Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf),
                ]);
        }

        foreach (var a in ctx.Enabled.Where(a => a.Has(UserAccountControl.DontRequirePreauth)))
        {
            bool privileged = ctx.Privileged.IsPrivileged(a);
            yield return Finding(ctx, a, FindingIds.AsRepRoastable, "Kerberos pre-authentication not required (AS-REP roastable)",
                privileged ? Severity.Critical : Severity.High,
                "Anyone can ask the KDC for an AS-REP encrypted with this account's key and crack it offline: clear DONT_REQ_PREAUTH "
                + "(Account tab: 'Do not require Kerberos preauthentication').",
                [Uac(a), Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf)]);
        }

        foreach (var a in ctx.Enabled)
        {
            bool desFlag = a.Has(UserAccountControl.UseDesKeyOnly);
            bool desTypes = a.SupportedEncryptionTypes is { } et && (et & Des) != 0 && (et & (Aes | KerberosEncryptionTypes.Rc4Hmac)) == 0;
            if (!desFlag && !desTypes) continue;
            yield return Finding(ctx, a, FindingIds.DesOnly, "Kerberos limited to DES", Severity.Medium,
                "DES keys are broken: clear USE_DES_KEY_ONLY, set msDS-SupportedEncryptionTypes to AES (24), then change the password so AES keys exist.",
                [Uac(a), new("msDS-SupportedEncryptionTypes", Enctypes(a.SupportedEncryptionTypes))]);
        }
    }
}
