using System.ComponentModel;
using Harrier.Evtx;
using Harrier.Evtx.Dump;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Evtx;

public sealed class DumpSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("EVTX files or directories (searched recursively for *.evtx).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-f|--format <FORMAT>")]
    [Description("Output format: jsonl (one evtx_dump-style JSON object per line), json (one array), xml (Windows-style event XML).")]
    [DefaultValue("jsonl")]
    public string Format { get; init; } = "jsonl";

    [CommandOption("-t|--threads <N>")]
    [Description("Chunks parsed in parallel; 1 parses inline. Output is identical for every value.")]
    [DefaultValue(1)]
    public int Threads { get; init; } = 1;

    [CommandOption("--carve")]
    [Description("Also recover records from chunk slack and from chunks without a valid header (marked as carved in the summary).")]
    public bool Carve { get; init; }

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the records to FILE instead of standard output.")]
    public string? Output { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("Do not print per-record diagnostics on standard error (the per-file summary line is still printed).")]
    public bool Quiet { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Paths.Length == 0) return Spectre.Console.ValidationResult.Error("give at least one PATH");
        if (Format is not ("jsonl" or "json" or "xml")) return Spectre.Console.ValidationResult.Error($"unknown format '{Format}' (jsonl, json, xml)");
        if (Threads is < 1 or > 256) return Spectre.Console.ValidationResult.Error("--threads must be between 1 and 256");
        return Spectre.Console.ValidationResult.Success();
    }
}

/// <summary><c>harrier dump</c>: records of EVTX files to JSONL/JSON/XML; diagnostics and a summary per file on stderr.</summary>
public sealed class DumpCommand : Command<DumpSettings>
{
    public override int Execute(CommandContext context, DumpSettings settings, CancellationToken cancellationToken) => Run(settings);

    /// <summary>The command itself; also called by <see cref="SettingsFastPath"/> without Spectre.</summary>
    public static int Run(DumpSettings settings)
    {
        var files = EvtxInputs.Expand(settings.Paths, out var missing);
        var exit = 0;
        foreach (var m in missing)
        {
            Console.Error.WriteLine($"harrier: {m}: no such file or directory");
            exit = 2;
        }
        var options = new DumpOptions
        {
            Format = settings.Format switch { "json" => DumpFormat.Json, "xml" => DumpFormat.Xml, _ => DumpFormat.Jsonl },
            Threads = settings.Threads,
            Carve = settings.Carve,
        };
        Stream output;
        try
        {
            output = settings.Output is null ? Console.OpenStandardOutput() : new FileStream(settings.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"harrier: {settings.Output}: {e.Message}");
            return 2;
        }
        var err = Console.Error;
        Action<EvtxDiagnostic>? onDiagnostic = settings.Quiet ? null : d => err.WriteLine($"harrier: {d}");
        using (output)
        using (var dumper = new EvtxDumper(output, options))
        {
            dumper.Begin();
            foreach (var f in files)
            {
                try
                {
                    var s = dumper.DumpFile(f, onDiagnostic);
                    err.WriteLine($"harrier: {f}: {s.RecordsRead} records read, {s.RecordsFailed} failed, {s.RecordsCarved} carved");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or EvtxFormatException)
                {
                    err.WriteLine($"harrier: {f}: cannot read: {e.Message}");
                    exit = 2;
                }
            }
            dumper.End();
        }
        return exit;
    }
}
