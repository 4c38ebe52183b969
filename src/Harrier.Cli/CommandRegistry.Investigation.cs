using Harrier.Cli.Commands.Investigation;
using Spectre.Console.Cli;

namespace Harrier.Cli;

static partial class CommandRegistry
{
    static partial void AddInvestigationCommands(IConfigurator config)
    {
        config.AddCommand<LogonsCommand>("logons")
            .WithDescription("Stitch logon and RDP sessions from event logs: table, --csv or --jsonl; --db writes a case file.")
            .WithExample("logons", "logs/", "--csv");
        config.AddCommand<GraphCommand>("graph")
            .WithDescription("Access graph (accounts, hosts, sources): summary, --dot, --graphml or --json; lateral paths and patient-zero candidates.")
            .WithExample("graph", "logs/", "--dot", "-o", "access.dot");
        config.AddCommand<QueryCommand>("query")
            .WithDescription("Run SQL on a case file (DuckDB): table or --csv.")
            .WithExample("query", "case.duckdb", "SELECT account, count(*) FROM sessions GROUP BY 1 ORDER BY 2 DESC");
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Write the self-contained HTML report of a case file.")
            .WithExample("report", "case.duckdb", "-o", "report.html");
    }
}
