using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Ad;

public static partial class AdFindingRules
{
    static IEnumerable<ExposureFinding> Delegation(Context ctx)
    {
        // Disabled accounts are included here: re-enabling one restores the delegation.
        foreach (var a in ctx.Snapshot.Accounts.Where(a => a.Has(UserAccountControl.TrustedForDelegation)
                     && !a.Has(UserAccountControl.ServerTrustAccount) && !a.Has(UserAccountControl.PartialSecretsAccount)))
        {
            yield return Finding(ctx, a, FindingIds.UnconstrainedDelegation, "Unconstrained delegation on an account that is not a domain controller",
                a.Enabled ? Severity.High : Severity.Medium,
                "Whoever controls this account receives the TGT of every user who authenticates to it: clear TRUSTED_FOR_DELEGATION, "
                + "use constrained (resource-based) delegation instead, and put privileged users in Protected Users.",
                [Uac(a), new("enabled", a.Enabled ? "yes" : "no")]);
        }

        foreach (var a in ctx.EnabledUsers.Where(ctx.Privileged.IsPrivileged))
        {
            bool protectedUser = ctx.Privileged.IsProtectedUser(a);
            if (!a.Has(UserAccountControl.NotDelegated) && !protectedUser)
            {
                yield return Finding(ctx, a, FindingIds.PrivilegedDelegable, "Privileged account can be delegated", Severity.Medium,
                    "Set 'Account is sensitive and cannot be delegated' (NOT_DELEGATED) on every privileged account, or add it to Protected Users.",
                    [Uac(a), new("Protected Users", "no")]);
            }
            if (!protectedUser)
            {
                yield return Finding(ctx, a, FindingIds.PrivilegedNotProtected, "Privileged account outside Protected Users", Severity.Low,
                    "Add privileged user accounts to Protected Users (no NTLM, no DES/RC4, no delegation, 4-hour TGTs); keep one break-glass account outside.",
                    [new("Protected Users", "no")]);
            }
        }
    }
}
