using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

public sealed class AuditAdSettings : AuditOutputSettings
{
    public const string DefaultPasswordVariable = "HARRIER_AD_PASSWORD";

    [CommandOption("--server <HOST>")]
    [Description("The domain controller (name or address). With --kerberos or certificate checks, use the name in its certificate/SPN.")]
    public string? Server { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("The LDAP port (default 636 with --ldaps, else 389).")]
    public int? Port { get; init; }

    [CommandOption("--ldaps")]
    [Description("Connect with LDAP over TLS (port 636).")]
    public bool Ldaps { get; init; }

    [CommandOption("--starttls")]
    [Description("Connect on 389 and upgrade with StartTLS.")]
    public bool StartTls { get; init; }

    [CommandOption("--kerberos")]
    [Description("Bind with Kerberos (SASL GSSAPI) from the current ticket cache (kinit first); no password needed.")]
    public bool Kerberos { get; init; }

    [CommandOption("--user <USER>")]
    [Description("The bind user for a simple bind: user@domain.fqdn or a DN. The password comes from the environment variable (see --password-env) or a prompt.")]
    public string? User { get; init; }

    [CommandOption("--password-env <NAME>")]
    [Description("The environment variable holding the bind password.")]
    [DefaultValue(DefaultPasswordVariable)]
    public string PasswordEnv { get; init; } = DefaultPasswordVariable;

    [CommandOption("--base <DN>")]
    [Description("The domain's base DN, e.g. DC=corp,DC=example.")]
    public string? Base { get; init; }

    [CommandOption("--ca-dir <DIR>")]
    [Description("A directory of trusted CA certificates (OpenSSL c_rehash layout) for LDAPS/StartTLS; otherwise LDAPTLS_CACERT / LDAPTLS_REQCERT and the system store apply.")]
    public string? CaDir { get; init; }

    [CommandOption("--page-size <N>")]
    [Description("LDAP paged-search page size.")]
    [DefaultValue(500)]
    public int PageSize { get; init; } = 500;

    [CommandOption("--timeout <SECONDS>")]
    [Description("The LDAP operation timeout.")]
    [DefaultValue(30.0)]
    public double Timeout { get; init; } = 30;

    [CommandOption("--inactive-days <DAYS>")]
    [Description("An enabled account with neither a logon nor a password change for this many days is inactive.")]
    [DefaultValue(180)]
    public int InactiveDays { get; init; } = 180;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Server)) return ValidationResult.Error("--server is required");
        if (string.IsNullOrWhiteSpace(Base)) return ValidationResult.Error("--base is required (e.g. DC=corp,DC=example)");
        if (Ldaps && StartTls) return ValidationResult.Error("choose one of --ldaps and --starttls");
        if (!Kerberos && string.IsNullOrWhiteSpace(User)) return ValidationResult.Error("--user is required unless --kerberos is given");
        if (!Kerberos && !Ldaps && !StartTls)
            return ValidationResult.Error("a simple bind without TLS would send the password in clear: add --ldaps or --starttls (or use --kerberos)");
        if (Port is < 1 or > 65535) return ValidationResult.Error("--port must be 1..65535");
        if (PageSize is < 1 or > 100000) return ValidationResult.Error("--page-size must be 1..100000");
        if (Timeout is <= 0 or > 3600) return ValidationResult.Error("--timeout must be more than 0 and at most 3600 seconds");
        if (InactiveDays < 1) return ValidationResult.Error("--inactive-days must be at least 1");
        return ValidationResult.Success();
    }
}
