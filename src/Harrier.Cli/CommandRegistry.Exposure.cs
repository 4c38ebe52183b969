using Harrier.Cli.Commands.Exposure;
using Spectre.Console.Cli;

namespace Harrier.Cli;

static partial class CommandRegistry
{
    static partial void AddExposureCommands(IConfigurator config) =>
        config.AddBranch("audit", audit =>
        {
            audit.SetDescription("Audit exposure: Active Directory accounts over LDAP, RDP endpoints over the network.");
            audit.AddCommand<AuditAdCommand>("ad")
                .WithDescription("Audit an AD domain over LDAP for roastable, delegable, stale and over-privileged accounts.")
                .WithExample("audit", "ad", "--server", "dc1.corp.example", "--ldaps", "--user", "auditor@corp.example", "--base", "DC=corp,DC=example", "--json", "ad.json");
            audit.AddCommand<AuditRdpCommand>("rdp")
                .WithDescription("Probe RDP endpoints: protocols the server selects (NLA or not), its TLS certificate, the names NTLM discloses.")
                .WithExample("audit", "rdp", "10.0.0.5", "rdp01.corp.example:3390", "--json", "rdp.json");
        });
}
