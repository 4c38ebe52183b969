using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

public static partial class AdFindingRules
{
    static IEnumerable<ExposureFinding> Hygiene(Context ctx)
    {
        int days = ctx.Options.InactiveDays;
        foreach (var a in ctx.EnabledUsers.Where(a => !a.IsKrbtgt))
        {
            // Inactive: no logon for N days (or never, and created more than N days ago), and no password change either.
            bool noLogon = a.LastLogon is { } l ? ctx.AgeDays(l) > days : ctx.AgeDays(a.WhenCreated) > days;
            bool noPasswordChange = ctx.AgeDays(a.PasswordLastSet) > days;
            if (!noLogon || !noPasswordChange) continue;
            bool privileged = ctx.Privileged.IsPrivileged(a);
            yield return Finding(ctx, a, FindingIds.Inactive, $"Enabled account inactive for more than {days} days",
                privileged ? Severity.High : Severity.Medium,
                "Disable the account (and remove it from groups) if no one owns it; a dormant enabled account is a quiet foothold for password spraying and reuse.",
                [Time("lastLogonTimestamp", a.LastLogon, ctx.AsOf), Time("pwdLastSet", a.PasswordLastSet, ctx.AsOf), Time("whenCreated", a.WhenCreated, ctx.AsOf)]);
        }

        foreach (var a in ctx.Enabled.Where(a => a.Rid == 501 && !a.IsComputer))
        {
            yield return Finding(ctx, a, FindingIds.GuestEnabled, "Guest account enabled", Severity.Medium,
                "Disable the Guest account.", [Uac(a)]);
        }

        foreach (var a in ctx.EnabledUsers.Where(a => a.AdminCount == 1 && !a.IsKrbtgt && !ctx.Privileged.IsPrivileged(a)))
        {
            yield return Finding(ctx, a, FindingIds.StaleAdminCount, "adminCount=1 on an account that is no longer privileged", Severity.Low,
                "A former admin keeps the AdminSDHolder ACL (no inheritance): review why it was privileged, clear adminCount and re-enable inheritance on the object.",
                [new("adminCount", "1"), new("privileged groups", "none")]);
        }

        // Every member of the privileged groups, disabled ones too (re-enabling restores the rights).
        foreach (var a in ctx.Snapshot.Accounts.Where(ctx.Privileged.IsPrivileged))
        {
            var via = ctx.Privileged.PathOf(a)!;
            yield return Finding(ctx, a, FindingIds.PrivilegedMember, via.Contains('→') ? "Privileged through nested group membership" : "Member of a privileged group",
                Severity.Info,
                "Keep privileged groups small and reviewed; prefer direct, personal admin accounts over nested groups, and remove disabled members.",
                [new("privileged via", via), new("enabled", a.Enabled ? "yes" : "no"), Time("lastLogonTimestamp", a.LastLogon, ctx.AsOf)]);
        }
    }
}
