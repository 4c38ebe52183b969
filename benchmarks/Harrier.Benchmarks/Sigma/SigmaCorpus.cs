using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Testing;

namespace Harrier.Benchmarks.Sigma;

/// <summary>The benchmark inputs: SigmaHQ's Windows rule directories and the shared corpus' events.</summary>
internal static class SigmaCorpus
{
    public static string[] RuleDirectories =>
    [
        SharedData.Path("sigma", "rules", "windows"),
        SharedData.Path("sigma", "rules-emerging-threats"),
        SharedData.Path("sigma", "rules-threat-hunting", "windows"),
    ];

    /// <summary>Every event of the shared corpus (the peer's JSON rendering of each EVTX file), in memory.</summary>
    public static List<EventFields> LoadEvents()
    {
        var events = new List<EventFields>();
        var f = new EventFields();
        foreach (var file in Directory.GetFiles(SharedData.Path("reference"), "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.Contains("sigma-regression", StringComparison.Ordinal)) continue;
            using var reader = EvtxJsonReader.Open(file);
            while (reader.Read(f)) events.Add(f.Clone());
        }
        return events;
    }
}
