using Harrier.Evtx.Events;

namespace Harrier.Evtx.Info;

/// <summary>Options for <see cref="EvtxInfo.Analyze"/>.</summary>
public sealed record EvtxInfoOptions
{
    /// <summary>Report periods without events at least this long (time gaps).</summary>
    public TimeSpan MinGap { get; init; } = TimeSpan.FromMinutes(60);

    public bool Carve { get; init; }

    /// <summary>Gaps kept in the result (all are counted).</summary>
    public int MaxGapsKept { get; init; } = 1000;
}

/// <summary>
/// Reads a whole file and summarises it: header fields, chunk counts (header vs file), checksum
/// failures, first/last record id and time, record-id gaps and time gaps (evidence of selective
/// deletion), and event counts per channel and EventID.
/// </summary>
public static class EvtxInfo
{
    public static EvtxFileInfo Analyze(string path, EvtxInfoOptions? options = null)
    {
        options ??= new EvtxInfoOptions();
        using var file = EvtxFile.Open(path, new EvtxReadOptions { Carve = options.Carve });
        var fields = new EventFields();
        var ids = new List<ulong>();
        var times = new List<(long Time, ulong Id)>();
        var counts = new Dictionary<(string Channel, int EventId), long>();
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        var channelLookup = channels.GetAlternateLookup<ReadOnlySpan<char>>();
        while (file.TryReadNext(fields))
        {
            if (fields.Carved) continue;
            ids.Add(fields.RecordId);
            if (fields.TimeCreated > 0) times.Add((fields.TimeCreated, fields.RecordId));
            var channel = "";
            if (fields.TryGet(FieldNames.Channel, out var ch))
            {
                if (!channelLookup.TryGetValue(ch, out var s))
                {
                    s = ch.ToString();
                    channels[s] = s;
                }
                channel = s;
            }
            var key = (channel, fields.EventId);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        ids.Sort();
        var idGaps = new List<RecordIdGap>();
        long gapCount = 0;
        ulong missing = 0;
        for (var i = 1; i < ids.Count; i++)
        {
            if (ids[i] <= ids[i - 1] + 1) continue;
            gapCount++;
            missing += ids[i] - ids[i - 1] - 1;
            if (idGaps.Count < options.MaxGapsKept) idGaps.Add(new RecordIdGap(ids[i - 1], ids[i]));
        }

        times.Sort();
        var timeGaps = new List<TimeGap>();
        var minTicks = options.MinGap.Ticks;
        for (var i = 1; i < times.Count && timeGaps.Count < options.MaxGapsKept; i++)
            if (times[i].Time - times[i - 1].Time >= minTicks)
                timeGaps.Add(new TimeGap(ToDate(times[i - 1].Time), ToDate(times[i].Time), times[i - 1].Id, times[i].Id));

        var s0 = file.Stats;
        return new EvtxFileInfo
        {
            Path = path,
            FileSize = new FileInfo(path).Length,
            Header = file.Header,
            ChunksInFile = s0.ChunksInFile,
            ChunksValid = s0.ChunksValid,
            ChunkHeaderChecksumFailures = s0.ChunkHeaderChecksumFailures,
            ChunkRecordsChecksumFailures = s0.ChunkRecordsChecksumFailures,
            RecordsRead = s0.RecordsRead,
            RecordsFailed = s0.RecordsFailed,
            RecordsCarved = s0.RecordsCarved,
            FirstRecordId = ids.Count > 0 ? ids[0] : null,
            LastRecordId = ids.Count > 0 ? ids[^1] : null,
            FirstTime = times.Count > 0 ? ToDate(times[0].Time) : null,
            LastTime = times.Count > 0 ? ToDate(times[^1].Time) : null,
            RecordIdGaps = idGaps,
            RecordIdGapCount = gapCount,
            RecordIdsMissing = missing,
            TimeGaps = timeGaps,
            MinGap = options.MinGap,
            EventCounts = counts.Select(kv => new EventCount(kv.Key.Channel, kv.Key.EventId, kv.Value))
                .OrderBy(c => c.Channel, StringComparer.Ordinal).ThenBy(c => c.EventId).ToList(),
            Diagnostics = file.Diagnostics.ToList(),
        };
    }

    static DateTime ToDate(long fileTime) =>
        fileTime is >= 0 and < 2650467743999999999 ? DateTime.FromFileTimeUtc(fileTime) : DateTime.MinValue;
}
