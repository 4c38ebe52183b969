namespace Harrier.Exposure.Ad;

/// <summary>userAccountControl bits (MS-ADTS 2.2.16) that the audit reads.</summary>
[Flags]
public enum UserAccountControl : uint
{
    None = 0,
    AccountDisable = 0x2,
    PasswordNotRequired = 0x20,
    EncryptedTextPasswordAllowed = 0x80,
    NormalAccount = 0x200,
    WorkstationTrustAccount = 0x1000,
    ServerTrustAccount = 0x2000,
    DontExpirePassword = 0x10000,
    TrustedForDelegation = 0x80000,
    NotDelegated = 0x100000,
    UseDesKeyOnly = 0x200000,
    DontRequirePreauth = 0x400000,
    TrustedToAuthForDelegation = 0x1000000,
    PartialSecretsAccount = 0x4000000,
}

/// <summary>msDS-SupportedEncryptionTypes bits (MS-KILE 2.2.7).</summary>
[Flags]
public enum KerberosEncryptionTypes : uint
{
    None = 0,
    DesCbcCrc = 0x1,
    DesCbcMd5 = 0x2,
    Rc4Hmac = 0x4,
    Aes128 = 0x8,
    Aes256 = 0x10,
}
