namespace Harrier.Exposure.Findings;

/// <summary>The stable rule ids of every finding Harrier reports (documented in docs/exposure.md).</summary>
public static class FindingIds
{
    public const string Kerberoastable = "AD-KERBEROAST";
    public const string AsRepRoastable = "AD-ASREP-ROAST";
    public const string PasswordNeverExpires = "AD-PWD-NEVER-EXPIRES";
    public const string PasswordNotRequired = "AD-PWD-NOT-REQUIRED";
    public const string ReversibleEncryption = "AD-REVERSIBLE-ENCRYPTION";
    public const string DesOnly = "AD-DES-ONLY";
    public const string UnconstrainedDelegation = "AD-UNCONSTRAINED-DELEGATION";
    public const string PrivilegedDelegable = "AD-PRIV-DELEGABLE";
    public const string PrivilegedNotProtected = "AD-PRIV-NOT-PROTECTED";
    public const string Inactive = "AD-INACTIVE";
    public const string PrivilegedPasswordOld = "AD-PRIV-PWD-OLD";
    public const string KrbtgtPasswordAge = "AD-KRBTGT-PWD-AGE";
    public const string GuestEnabled = "AD-GUEST-ENABLED";
    public const string StaleAdminCount = "AD-STALE-ADMINCOUNT";
    public const string PrivilegedMember = "AD-PRIVILEGED-MEMBER";

    public const string NlaNotEnforced = "RDP-NLA-NOT-ENFORCED";
    public const string CertificateInternalName = "RDP-CERT-INTERNAL-NAME";
    public const string CertificateWeakKey = "RDP-CERT-WEAK-KEY";
    public const string NtlmInfoDisclosure = "RDP-NTLM-INFO";
}
