using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Harrier.Evtx;
using Harrier.Evtx.Info;
using Spectre.Console.Cli;

namespace Harrier.Cli.Commands.Evtx;

public sealed class InfoSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("EVTX files or directories (searched recursively for *.evtx).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--min-gap <MINUTES>")]
    [Description("Report periods without any event at least this many minutes long (time gaps).")]
    [DefaultValue(60.0)]
    public double MinGap { get; init; } = 60;

    [CommandOption("--carve")]
    [Description("Also count records recovered by carving (they are not used for gaps).")]
    public bool Carve { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object per file instead of text.")]
    public bool Json { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Paths.Length == 0 ? Spectre.Console.ValidationResult.Error("give at least one PATH")
        : MinGap <= 0 ? Spectre.Console.ValidationResult.Error("--min-gap must be positive")
        : Spectre.Console.ValidationResult.Success();
}

/// <summary><c>harrier info</c>: header, chunks, checksums, first/last record, id and time gaps, counts per channel/EventID.</summary>
public sealed class InfoCommand : Command<InfoSettings>
{
    public override int Execute(CommandContext context, InfoSettings settings, CancellationToken cancellationToken)
    {
        var files = EvtxInputs.Expand(settings.Paths, out var missing);
        var exit = 0;
        foreach (var m in missing)
        {
            Console.Error.WriteLine($"harrier: {m}: no such file or directory");
            exit = 2;
        }
        var options = new EvtxInfoOptions { MinGap = TimeSpan.FromMinutes(settings.MinGap), Carve = settings.Carve };
        foreach (var f in files)
        {
            EvtxFileInfo info;
            try
            {
                info = EvtxInfo.Analyze(f, options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or EvtxFormatException)
            {
                Console.Error.WriteLine($"harrier: {f}: cannot read: {e.Message}");
                exit = 2;
                continue;
            }
            if (settings.Json) Console.WriteLine(JsonSerializer.Serialize(info, InfoJsonContext.Default.EvtxFileInfo));
            else Print(info);
        }
        return exit;
    }

    static string T(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) ?? "-";

    static void Print(EvtxFileInfo i)
    {
        var h = i.Header;
        var o = Console.Out;
        o.WriteLine($"{i.Path}");
        o.WriteLine($"  file size          {i.FileSize} bytes");
        o.WriteLine($"  header             version {h.MajorVersion}.{h.MinorVersion}, magic {(h.MagicValid ? "ok" : "BAD")}, checksum {(h.ChecksumValid ? "ok" : "MISMATCH")}, flags 0x{h.Flags:x} ({(h.IsDirty ? "dirty" : "clean")}{(h.IsFull ? ", full" : "")})");
        o.WriteLine($"  header chunks      {h.ChunkCount} (first {h.FirstChunkNumber}, last {h.LastChunkNumber}), next record id {h.NextRecordId}");
        o.WriteLine($"  chunks in file     {i.ChunksInFile} ({i.ChunksValid} with a valid header){(i.ChunksInFile != h.ChunkCount ? "  <- differs from the header" : "")}");
        o.WriteLine($"  checksum failures  {i.ChunkHeaderChecksumFailures} chunk header, {i.ChunkRecordsChecksumFailures} chunk records");
        o.WriteLine($"  records            {i.RecordsRead} read, {i.RecordsFailed} failed, {i.RecordsCarved} carved");
        o.WriteLine($"  record ids         {i.FirstRecordId?.ToString(CultureInfo.InvariantCulture) ?? "-"} .. {i.LastRecordId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        o.WriteLine($"  time               {T(i.FirstTime)} .. {T(i.LastTime)}");
        o.WriteLine($"  record-id gaps     {i.RecordIdGapCount} ({i.RecordIdsMissing} ids missing)");
        foreach (var g in i.RecordIdGaps.Take(50)) o.WriteLine($"    after {g.After}, before {g.Before}: {g.Missing} missing");
        o.WriteLine($"  time gaps >= {i.MinGap.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min: {i.TimeGaps.Count}");
        foreach (var g in i.TimeGaps.Take(50)) o.WriteLine($"    {T(g.From)} .. {T(g.To)} ({g.Duration.TotalMinutes:F1} min; records {g.RecordIdBefore} -> {g.RecordIdAfter})");
        o.WriteLine("  events (channel, EventID, count)");
        foreach (var c in i.EventCounts) o.WriteLine($"    {c.Channel}\t{c.EventId}\t{c.Count}");
        foreach (var d in i.Diagnostics.Take(20)) o.WriteLine($"  ! {d}");
        if (i.Diagnostics.Count > 20) o.WriteLine($"  ! … {i.Diagnostics.Count - 20} more diagnostics");
    }
}

/// <summary>Build-time serializer metadata for <c>info --json</c> (works in the native build, which cannot generate code at run time).</summary>
[JsonSerializable(typeof(EvtxFileInfo))]
sealed partial class InfoJsonContext : JsonSerializerContext;
