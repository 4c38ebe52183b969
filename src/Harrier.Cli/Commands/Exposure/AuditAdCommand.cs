using System.Net;
using Harrier.Exposure.Ad;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

/// <summary>
/// <c>harrier audit ad</c>: settings → password (environment or prompt; never echoed, logged or
/// written) → <see cref="AdAuditor"/> → table/JSON/CSV.
/// </summary>
public sealed class AuditAdCommand : AsyncCommand<AuditAdSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, AuditAdSettings settings, CancellationToken cancellationToken)
    {
        NetworkCredential? credential = null;
        if (!settings.Kerberos)
        {
            var password = Environment.GetEnvironmentVariable(settings.PasswordEnv);
            if (string.IsNullOrEmpty(password))
            {
                if (Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
                {
                    Console.Error.WriteLine($"harrier: no password: set the environment variable {settings.PasswordEnv}, or run interactively to be prompted");
                    return Task.FromResult(2);
                }
                password = AnsiConsole.Prompt(new TextPrompt<string>($"LDAP password for {Markup.Escape(settings.User!)}:").Secret(null));
            }
            credential = new NetworkCredential(settings.User, password);
        }

        var options = new AdAuditOptions
        {
            Server = settings.Server!,
            Port = settings.Port,
            Transport = settings.Ldaps ? LdapTransport.Ldaps : settings.StartTls ? LdapTransport.StartTls : LdapTransport.Plain,
            Kerberos = settings.Kerberos,
            User = settings.User,
            BaseDn = settings.Base!,
            CaDirectory = settings.CaDir,
            PageSize = settings.PageSize,
            Timeout = TimeSpan.FromSeconds(settings.Timeout),
            InactiveDays = settings.InactiveDays,
        };
        if (options.Transport != LdapTransport.Plain
            && Environment.GetEnvironmentVariable("LDAPTLS_REQCERT") is { } reqcert
            && !reqcert.Equals("demand", StringComparison.OrdinalIgnoreCase) && !reqcert.Equals("hard", StringComparison.OrdinalIgnoreCase))
            Console.Error.WriteLine($"harrier: warning: LDAPTLS_REQCERT={reqcert}: the server's certificate is not verified, so the bind password could go to an impostor");
        Harrier.Exposure.Findings.ExposureFindings doc;
        try
        {
            doc = AdAuditor.Run(options, credential);
        }
        catch (AdConnectionException e)
        {
            Console.Error.WriteLine($"harrier: audit ad: {e.Message}");
            return Task.FromResult(2);
        }
        if (!FindingsOutput.WriteFiles(doc, settings)) return Task.FromResult(2);
        if (FindingsOutput.WantsTable(settings)) FindingsOutput.RenderTable(AnsiConsole.Console, doc);
        return Task.FromResult(0);
    }
}
