using System.ComponentModel;
using Harrier.Investigation;
using Harrier.Investigation.Export;
using Harrier.Investigation.Graph;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Investigation;

public sealed class GraphSettings : InvestigationSettings
{
    [CommandOption("--dot")]
    [Description("Graphviz DOT (render with: dot -Tsvg).")]
    public bool Dot { get; init; }

    [CommandOption("--graphml")]
    [Description("GraphML (Gephi, yEd, Cytoscape desktop).")]
    public bool GraphMl { get; init; }

    [CommandOption("--json")]
    [Description("JSON: nodes, edges (source, account, target), lateral paths, new and rare sources, patient-zero candidates.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if ((Dot ? 1 : 0) + (GraphMl ? 1 : 0) + (Json ? 1 : 0) > 1) return ValidationResult.Error("choose one of --dot, --graphml, --json");
        return base.Validate();
    }
}

/// <summary><c>harrier graph</c>: the access graph of the inputs and what it shows.</summary>
public sealed class GraphCommand : Command<GraphSettings>
{
    public override int Execute(CommandContext context, GraphSettings settings, CancellationToken cancellationToken)
    {
        var (result, _, bad) = CaseFile.Investigate(settings, "graph");
        var g = result.Graph;
        if (settings.Dot)
        {
            using var w = OutputTarget.OpenText(settings.Output);
            GraphWriter.WriteDot(w, g);
        }
        else if (settings.GraphMl)
        {
            using var s = OutputTarget.Open(settings.Output);
            GraphWriter.WriteGraphMl(s, g);
        }
        else if (settings.Json || settings.Output != null)
        {
            using var s = OutputTarget.Open(settings.Output);
            GraphWriter.WriteJson(s, g);
        }
        else Summary(g);
        return bad ? 2 : 0;
    }

    static string T(long t) => FileTimeText.Format(t);

    static string Label(AccessGraph g, string id) => g.Node(id)?.Label ?? id;

    static string Chain(AccessGraph g, IReadOnlyList<PathHop> hops) =>
        string.Join(" → ", hops.Select(h => Label(g, h.SourceId)).Append(Label(g, hops[^1].TargetId)));

    static void Summary(AccessGraph g)
    {
        AnsiConsole.WriteLine($"{g.Nodes.Count(n => n.Kind == AccessNodeKind.Account)} accounts, {g.Nodes.Count(n => n.Kind == AccessNodeKind.Host)} hosts, " +
            $"{g.Nodes.Count(n => n.Kind == AccessNodeKind.Address)} addresses ({g.Nodes.Count(n => n.External)} external); " +
            $"{g.Edges.Count(e => e.Success)} success and {g.Edges.Count(e => !e.Success)} failure edges");
        var edges = new Table().Border(TableBorder.Simple).Title("Edges");
        foreach (var c in new[] { "first", "last", "source", "account", "target", "result", "count", "elevated", "protocols" }) edges.AddColumn(c);
        foreach (var e in g.Edges)
            edges.AddRow(new Text(T(e.First)), new Text(T(e.Last)), new Text(e.SourceId is null ? "" : Label(g, e.SourceId)),
                new Text(Label(g, e.AccountId)), new Text(Label(g, e.TargetId)), new Text(e.Success ? "success" : "failure"),
                new Text(e.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(e.PrivilegedCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(string.Join(' ', e.Protocols.Select(GraphWriter.ProtocolText))));
        AnsiConsole.Write(edges);
        AnsiConsole.WriteLine($"Lateral-movement paths: {g.Paths.Count}");
        foreach (var p in g.Paths) AnsiConsole.WriteLine($"  {T(p.Start)}  {Chain(g, p.Hops)}");
        AnsiConsole.WriteLine($"Patient-zero candidates: {g.PatientZero.Count}");
        foreach (var z in g.PatientZero)
            AnsiConsole.WriteLine($"  {T(z.First)}  {Chain(g, z.Path)}  (privileged: {Label(g, z.PrivilegedAccountId)} at {T(z.PrivilegedTime)})");
        AnsiConsole.WriteLine($"New sources since {T(g.WindowStart)}: {g.NewSources.Count}");
        foreach (var n in g.NewSources) AnsiConsole.WriteLine($"  {T(n.First)}  {Label(g, n.SourceId)} → {string.Join(", ", n.TargetIds.Select(t => Label(g, t)))}");
        AnsiConsole.WriteLine($"Rare sources: {g.RareSources.Count}");
        foreach (var r in g.RareSources) AnsiConsole.WriteLine($"  {Label(g, r.AccountId)} from {Label(g, r.SourceId)}: {r.Count} of {r.AccountTotal}");
    }
}
