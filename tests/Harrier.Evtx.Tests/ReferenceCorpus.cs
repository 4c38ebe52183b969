using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Harrier.Testing;

namespace Harrier.Evtx.Tests;

/// <summary>The shared reference corpora: manifest rows and the peer's JSONL renderings.</summary>
internal static partial class ReferenceCorpus
{
    public sealed record Entry(string Corpus, string RelativePath, string EvtxPath, string ReferencePath, int PeerRecords, string Status, int BestPeerRecords)
    {
        public bool Ok => Status == "ok";
    }

    public static readonly string[] Names = ["deepbluecli", "yamato", "evtx-attack-samples", "evtx-crate-samples", "sigma-regression"];

    public static string CorpusDir(string corpus) =>
        corpus == "sigma-regression" ? SharedData.Path("sigma", "regression_data") : SharedData.Corpus(corpus);

    public static List<Entry> Load(string corpus)
    {
        var refDir = SharedData.Path("reference", corpus);
        var list = new List<Entry>();
        foreach (var line in File.ReadLines(Path.Combine(refDir, "manifest.tsv")).Skip(1))
        {
            var f = line.Split('\t');
            list.Add(new Entry(corpus, f[0], Path.Combine(CorpusDir(corpus), f[0]), Path.Combine(refDir, f[0] + ".jsonl.gz"),
                int.Parse(f[3]), f[4], int.Parse(f[5])));
        }
        return list;
    }

    public static IEnumerable<JsonNode> ReadReference(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return Normalize(JsonNode.Parse(line)!);
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$")]
    private static partial Regex Timestamp();

    /// <summary>Event/System/TimeCreated/#attributes/SystemTime truncated to microseconds (the peer's precision).</summary>
    public static JsonNode Normalize(JsonNode record)
    {
        if (record["Event"]?["System"]?["TimeCreated"]?["#attributes"] is JsonObject a && a["SystemTime"] is JsonValue v
            && v.TryGetValue<string>(out var s) && Timestamp().Match(s) is { Success: true } m)
            a["SystemTime"] = $"{m.Groups[1].Value}.{m.Groups[2].Value.PadRight(6, '0')[..6]}Z";
        return record;
    }

    /// <summary>Every record of a file rendered as JSON by Harrier, plus the file's stats.</summary>
    public static (List<JsonNode> Records, EvtxStats Stats) Render(string path, bool carve = false)
    {
        var records = new List<JsonNode>();
        using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = carve });
        using var buffer = new Rendering.Utf8Buffer();
        while (file.MoveNext())
        {
            buffer.Clear();
            if (file.Current.TryWriteJson(buffer)) records.Add(Normalize(JsonNode.Parse(buffer.Written)!));
        }
        return (records, file.Stats);
    }

    /// <summary>The first difference between two JSON values (key order ignored), or null.</summary>
    public static string? FirstDifference(JsonNode? a, JsonNode? b, string path = "")
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {a?.ToJsonString() ?? "null"} != {b?.ToJsonString() ?? "null"}";
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var k in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                if (!oa.ContainsKey(k)) return $"{path}/{k}: missing";
                if (!ob.ContainsKey(k)) return $"{path}/{k}: unexpected";
                if (FirstDifference(oa[k], ob[k], $"{path}/{k}") is { } d) return d;
            }
            return null;
        }
        if (a is JsonArray xa && b is JsonArray xb)
        {
            if (xa.Count != xb.Count) return $"{path}: {xa.Count} items != {xb.Count}";
            for (var i = 0; i < xa.Count; i++)
                if (FirstDifference(xa[i], xb[i], $"{path}/{i}") is { } d) return d;
            return null;
        }
        return JsonNode.DeepEquals(a, b) ? null : $"{path}: {a.ToJsonString()} != {b.ToJsonString()}";
    }
}
