using System.ComponentModel;
using Harrier.Output.CaseDb;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Investigation;

public sealed class QuerySettings : CommandSettings
{
    [CommandArgument(0, "<CASE>")]
    [Description("A case file written with --db.")]
    public string Case { get; init; } = "";

    [CommandArgument(1, "<SQL>")]
    [Description("A DuckDB SQL statement (tables: see docs/case-db.md).")]
    public string Sql { get; init; } = "";

    [CommandOption("--csv")]
    [Description("CSV (header row) instead of a table.")]
    public bool Csv { get; init; }
}

/// <summary><c>harrier query</c>: SQL over a case file.</summary>
public sealed class QueryCommand : Command<QuerySettings>
{
    public override int Execute(CommandContext context, QuerySettings settings, CancellationToken cancellationToken)
    {
        QueryResult result;
        try
        {
            using var q = CaseDbQuery.Open(settings.Case);
            result = q.Run(settings.Sql);
        }
        catch (FileNotFoundException)
        {
            Console.Error.WriteLine($"harrier: {settings.Case}: no such case file");
            return 2;
        }
        catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or NotSupportedException)
        {
            Console.Error.WriteLine($"harrier: {settings.Case}: {e.Message}");
            return 2;
        }
        if (settings.Csv)
        {
            using var w = OutputTarget.OpenText(null);
            Harrier.Investigation.Export.Csv.Row(w, [.. result.Columns]);
            foreach (var row in result.Rows) Harrier.Investigation.Export.Csv.Row(w, row);
            return 0;
        }
        var table = new Table().Border(TableBorder.Simple);
        foreach (var c in result.Columns) table.AddColumn(new TableColumn(Markup.Escape(c)));
        foreach (var row in result.Rows) table.AddRow(row.Select(v => new Text(v ?? "NULL")).ToArray());
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"{result.Rows.Count} rows");
        return 0;
    }
}
