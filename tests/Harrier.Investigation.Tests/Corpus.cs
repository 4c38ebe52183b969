using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Investigation.Sessions;
using Harrier.Testing;

namespace Harrier.Investigation.Tests;

/// <summary>Stitches real corpus samples (read through their evtx_dump renderings in ../shared/reference).</summary>
static class Corpus
{
    public static InvestigationResult Stitch(params string[] files)
    {
        var stitcher = new SessionStitcher();
        var e = new EventFields();
        foreach (var file in files)
        {
            var path = SharedData.Path("reference", file + ".jsonl.gz");
            using var reader = EvtxJsonReader.Open(path);
            while (reader.Read(e)) stitcher.Add(e);
            Assert.Equal(0, reader.EventsFailed);
        }
        return stitcher.Finish();
    }

    /// <summary>FILETIME of an ISO-8601 UTC time as the reference renders it.</summary>
    public static long Time(string iso) =>
        DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal).ToFileTimeUtc();
}
