using System.Text.Json;
using Harrier.Exposure.Rdp;

namespace Harrier.Exposure.Findings;

/// <summary>
/// A findings file (format "harrier-exposure-findings", version 1): what one audit found, written by
/// <c>harrier audit ad|rdp --json</c> and read back by <see cref="Load"/> (e.g. for
/// <c>harrier hunt --exposure</c>). The schema is documented in docs/exposure.md.
/// </summary>
public sealed record ExposureFindings
{
    public const string FormatName = "harrier-exposure-findings";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;

    /// <summary>"ad" or "rdp".</summary>
    public required string Audit { get; init; }

    /// <summary>When the audit ran; every age in the findings is measured from this instant.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>What was audited: the LDAP server and base DN, or the RDP targets.</summary>
    public required string Scope { get; init; }

    public required IReadOnlyList<ExposureFinding> Findings { get; init; }

    /// <summary>Targets (or queries) that could not be audited; the run went on with the rest.</summary>
    public IReadOnlyList<ExposureError> Errors { get; init; } = [];

    /// <summary>RDP audits only: what each endpoint answered, finding or not.</summary>
    public IReadOnlyList<RdpEndpointReport>? Endpoints { get; init; }

    /// <summary>Reads a findings file; throws <see cref="ExposureFormatException"/> naming the file and position.</summary>
    public static ExposureFindings Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExposureFormatException($"{path}: cannot read findings file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses findings JSON; <paramref name="sourceName"/> names the input in errors.</summary>
    public static ExposureFindings Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        ExposureFindings? doc;
        try { doc = JsonSerializer.Deserialize(utf8Json, ExposureJson.Findings); }
        catch (JsonException e)
        {
            throw new ExposureFormatException(
                $"{sourceName}: line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: not a valid findings file: {e.Message}", e);
        }
        if (doc is null) throw new ExposureFormatException($"{sourceName}: the findings file is JSON null");
        if (doc.Format != FormatName)
            throw new ExposureFormatException($"{sourceName}: format is '{doc.Format}', expected '{FormatName}'");
        if (doc.Version != CurrentVersion)
            throw new ExposureFormatException($"{sourceName}: format version {doc.Version} is not supported (expected {CurrentVersion})");
        return doc;
    }

    /// <summary>The document as indented UTF-8 JSON (same document → same bytes).</summary>
    public byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, ExposureJson.Findings);

    public void Save(string path) => File.WriteAllBytes(path, ToJsonUtf8());

    /// <summary>An index for matching accounts and hosts seen in logs against these findings.</summary>
    public ExposureIndex CreateIndex() => new(Findings);
}
