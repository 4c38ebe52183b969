using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

public static partial class AdFindingRules
{
    static IEnumerable<ExposureFinding> Passwords(Context ctx)
    {
        foreach (var a in ctx.EnabledUsers.Where(a => a.Has(UserAccountControl.DontExpirePassword)))
        {
            bool privileged = ctx.Privileged.IsPrivileged(a);
            yield return Finding(ctx, a, FindingIds.PasswordNeverExpires, "Password never expires",
                privileged ? Severity.Medium : Severity.Low,
                "Clear DONT_EXPIRE_PASSWORD, or make the account a gMSA; for a service account that truly needs it, use a long random password and rotate it.",
                [Uac(a), Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf)]);
        }

        foreach (var a in ctx.EnabledUsers.Where(a => a.Has(UserAccountControl.PasswordNotRequired)))
        {
            yield return Finding(ctx, a, FindingIds.PasswordNotRequired, "Password not required (PASSWD_NOTREQD)", Severity.High,
                "The account may have an empty password: clear PASSWD_NOTREQD and set a password.",
                [Uac(a), Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf)]);
        }

        foreach (var a in ctx.Enabled.Where(a => a.Has(UserAccountControl.EncryptedTextPasswordAllowed)))
        {
            yield return Finding(ctx, a, FindingIds.ReversibleEncryption, "Password stored with reversible encryption", Severity.High,
                "The DC keeps a decryptable copy of the password: clear ENCRYPTED_TEXT_PWD_ALLOWED (and the domain policy setting), then change the password.",
                [Uac(a)]);
        }

        int maxDays = ctx.Options.PrivilegedPasswordMaxAgeDays;
        foreach (var a in ctx.EnabledUsers.Where(a => ctx.Privileged.IsPrivileged(a) && a.PasswordLastSet is not null && ctx.AgeDays(a.PasswordLastSet) > maxDays))
        {
            yield return Finding(ctx, a, FindingIds.PrivilegedPasswordOld, $"Privileged account password older than {maxDays} days", Severity.High,
                "Change the password (and review who knew it); privileged passwords should be rotated at least yearly, or the account replaced by a personal admin account.",
                [Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf)]);
        }

        foreach (var a in ctx.Snapshot.Accounts.Where(a => a.IsKrbtgt && a.PasswordLastSet is not null))
        {
            double days = ctx.AgeDays(a.PasswordLastSet);
            if (days <= 180) continue;
            yield return Finding(ctx, a, FindingIds.KrbtgtPasswordAge, "krbtgt password not changed for more than 180 days",
                days > 3 * 365 ? Severity.High : days > 365 ? Severity.Medium : Severity.Low,
                "Reset the krbtgt password twice (waiting for replication and the ticket lifetime in between) so forged and stolen tickets stop working; then every 180 days.",
                [Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf)]);
        }
    }
}
