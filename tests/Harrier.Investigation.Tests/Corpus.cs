using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Evtx.Json;
using Harrier.Investigation.Sessions;
using Harrier.Testing;

namespace Harrier.Investigation.Tests;

/// <summary>Stitches real corpus samples: the .evtx files through Harrier's EVTX reader (or their evtx_dump renderings).</summary>
static class Corpus
{
    public static InvestigationResult Stitch(params string[] files) => Stitch(fromReference: false, files);

    public static InvestigationResult Stitch(bool fromReference, params string[] files)
    {
        var stitcher = new SessionStitcher();
        var e = new EventFields();
        foreach (var file in files)
        {
            if (fromReference)
            {
                using var reader = EvtxJsonReader.Open(SharedData.Path("reference", file + ".jsonl.gz"));
                while (reader.Read(e)) stitcher.Add(e);
                Assert.Equal(0, reader.EventsFailed);
            }
            else
            {
                using var evtx = EvtxFile.Open(SharedData.Corpus(file));
                while (evtx.TryReadNext(e)) stitcher.Add(e);
                Assert.Equal(0, evtx.Stats.RecordsFailed);
            }
        }
        return stitcher.Finish();
    }

    /// <summary>FILETIME of an ISO-8601 UTC time as the reference renders it.</summary>
    public static long Time(string iso) =>
        DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal).ToFileTimeUtc();
}
