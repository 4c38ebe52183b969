using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Harrier.Exposure.Rdp;

namespace Harrier.Exposure.Findings;

/// <summary>
/// The one set of JSON options for the findings format: camelCase, enums as camelCase strings, no nulls. The
/// serializer code is generated at build time (<see cref="ExposureJsonContext"/>), so the format works the same in
/// the native (ahead-of-time compiled) build, which has no runtime code generation.
/// </summary>
static class ExposureJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // one converter per enum of the format (without one an enum is written as a number; a test checks they are all here)
        Converters =
        {
            new JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            new JsonStringEnumConverter<SubjectKind>(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            new JsonStringEnumConverter<NegotiationOutcome>(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
            new JsonStringEnumConverter<RdpProtocols>(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
        },
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = ExposureJsonContext.Default,
    };

    public static readonly JsonTypeInfo<ExposureFindings> Findings = (JsonTypeInfo<ExposureFindings>)Options.GetTypeInfo(typeof(ExposureFindings));
}

/// <summary>Build-time serializer metadata for <see cref="ExposureFindings"/> and everything it holds.</summary>
[JsonSerializable(typeof(ExposureFindings))]
sealed partial class ExposureJsonContext : JsonSerializerContext;
