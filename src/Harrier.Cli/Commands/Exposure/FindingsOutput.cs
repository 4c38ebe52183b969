using System.Text;
using Harrier.Exposure.Findings;
using Spectre.Console;

namespace Harrier.Cli.Commands.Exposure;

/// <summary>Writes a findings document as requested: JSON and CSV files, and the findings table on the terminal.</summary>
static class FindingsOutput
{
    /// <summary>Writes the files; returns false (after a message on stderr) when one cannot be written.</summary>
    public static bool WriteFiles(ExposureFindings doc, AuditOutputSettings s)
    {
        try
        {
            if (s.Json is { } json) Write(json, doc.ToJsonUtf8());
            if (s.Csv is { } csv) Write(csv, Encoding.UTF8.GetBytes(FindingsCsv.Write(doc.Findings)));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"harrier: cannot write output: {e.Message}");
            return false;
        }
    }

    /// <summary>True when the table belongs on stdout (no machine output went there, not --quiet).</summary>
    public static bool WantsTable(AuditOutputSettings s) => !s.Quiet && s.Json != "-" && s.Csv != "-";

    static void Write(string path, byte[] bytes)
    {
        if (path == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            if (bytes.Length > 0 && bytes[^1] != (byte)'\n') stdout.WriteByte((byte)'\n');
        }
        else File.WriteAllBytes(path, bytes);
    }

    public static void RenderTable(IAnsiConsole console, ExposureFindings doc)
    {
        if (doc.Findings.Count == 0)
        {
            console.MarkupLine("[green]No findings.[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn("Severity");
            table.AddColumn("Finding");
            table.AddColumn("Subject");
            table.AddColumn("Evidence");
            foreach (var f in doc.Findings)
            {
                table.AddRow(
                    new Markup(SeverityMarkup(f.Severity)),
                    new Markup($"[bold]{Markup.Escape(f.Id)}[/]\n{Markup.Escape(f.Title)}"),
                    new Text(f.Subject.Name),
                    new Text(string.Join("\n", f.Evidence.Select(e => $"{e.Name}: {e.Value}"))));
            }
            console.Write(table);
            console.WriteLine();
            console.MarkupLine("[bold]Fixes[/]");
            foreach (var g in doc.Findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
                console.MarkupLine($"  [bold]{Markup.Escape(g.Key)}[/] ({g.Count()}): {Markup.Escape(g.First().Fix)}");
        }
        var counts = doc.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        console.MarkupLine($"{doc.Findings.Count} finding(s){(doc.Findings.Count > 0 ? ": " + string.Join(", ", counts) : "")}; {doc.Errors.Count} error(s).");
    }

    static string SeverityMarkup(Severity s) => s switch
    {
        Severity.Critical => "[white on red]critical[/]",
        Severity.High => "[red]high[/]",
        Severity.Medium => "[yellow]medium[/]",
        Severity.Low => "[blue]low[/]",
        _ => "[grey]info[/]",
    };
}
