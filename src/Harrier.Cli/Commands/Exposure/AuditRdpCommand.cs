using Harrier.Exposure.Rdp;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Exposure;

/// <summary><c>harrier audit rdp</c>: settings → targets → <see cref="RdpAuditor"/> → table/JSON/CSV.</summary>
public sealed class AuditRdpCommand : AsyncCommand<AuditRdpSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AuditRdpSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<RdpTarget> targets;
        try
        {
            var specs = settings.Targets.AsEnumerable();
            if (settings.TargetsFile is { } file) specs = specs.Concat(RdpTargetParser.ReadFile(file));
            targets = RdpTargetParser.Parse(specs, settings.Port, settings.MaxHosts);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"harrier: {e.Message}");
            return 2;
        }
        if (targets.Count == 0)
        {
            Console.Error.WriteLine("harrier: no targets to probe");
            return 2;
        }

        var options = new RdpAuditOptions { Timeout = TimeSpan.FromSeconds(settings.Timeout), Concurrency = settings.Concurrency };
        var doc = await RdpAuditor.RunAsync(targets, options, cancellationToken: cancellationToken);
        foreach (var e in doc.Errors) Console.Error.WriteLine($"harrier: {e.Target}: {e.Kind}: {e.Message}");
        if (!FindingsOutput.WriteFiles(doc, settings)) return 2;
        if (FindingsOutput.WantsTable(settings))
        {
            RenderEndpoints(AnsiConsole.Console, doc.Endpoints ?? []);
            FindingsOutput.RenderTable(AnsiConsole.Console, doc);
        }
        return 0;
    }

    static void RenderEndpoints(IAnsiConsole console, IReadOnlyList<RdpEndpointReport> endpoints)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("RDP endpoints");
        table.AddColumn("Target");
        foreach (var offer in new[] { "RDP", "TLS", "CredSSP", "CredSSP+EarlyUserAuth" }) table.AddColumn($"offer {offer}");
        table.AddColumn("Certificate");
        table.AddColumn("NTLM names");
        foreach (var r in endpoints)
        {
            var cells = new List<string> { $"{r.Host}:{r.Port}" };
            if (r.Error is { } err)
            {
                cells.Add($"{err.Kind}: {err.Message}");
                cells.AddRange(["", "", "", "", ""]);
            }
            else
            {
                foreach (var offer in new[] { "RDP", "TLS", "CredSSP", "CredSSP+EarlyUserAuth" })
                {
                    var n = r.Negotiations.FirstOrDefault(x => x.Offer == offer);
                    cells.Add(n is null ? "" : n.Outcome switch
                    {
                        NegotiationOutcome.Selected => n.SelectedName!,
                        NegotiationOutcome.Refused => $"refused ({n.FailureName})",
                        NegotiationOutcome.LegacyStandardRdp => "RDP (legacy)",
                        _ => $"error: {n.Error}",
                    });
                }
                cells.Add(r.Certificate is { } c ? $"{c.Subject}{(c.SelfSigned ? " (self-signed)" : "")}" : string.Join("; ", r.Notes));
                cells.Add(r.Ntlm is { } t ? $"{t.NetbiosDomainName}\\{t.NetbiosComputerName} ({t.DnsComputerName}, OS {t.OsVersion})" : "");
            }
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }
        console.Write(table);
    }
}
