using System.IO.Compression;
using System.Text;
using Harrier.Evtx.Events;
using Harrier.Evtx.Json;

namespace Harrier.Evtx.Tests;

/// <summary>
/// EventFields filled by the EVTX reader agree with the fields the evtx_dump-JSON flattener
/// (<see cref="EvtxJsonFlattener"/>) takes from the reference peer's rendering of the same records.
/// </summary>
public class EventFieldsAgreementTests
{
    [Theory]
    [InlineData("yamato")]
    [InlineData("deepbluecli")]
    [InlineData("sigma-regression")]
    [InlineData("evtx-attack-samples")]
    public void Reader_fields_equal_fields_flattened_from_the_reference_json(string corpus)
    {
        var failures = new List<string>();
        var flattener = new EvtxJsonFlattener();
        var ours = new EventFields();
        var theirs = new EventFields();
        var records = 0;
        foreach (var e in ReferenceCorpus.Load(corpus).Where(e => e.Ok))
        {
            using var file = EvtxFile.Open(e.EvtxPath);
            using var gz = new GZipStream(File.OpenRead(e.ReferencePath), CompressionMode.Decompress);
            using var reader = new StreamReader(gz, Encoding.UTF8);
            var n = 0;
            while (reader.ReadLine() is { } line)
            {
                Assert.True(file.TryReadNext(ours), $"{e.RelativePath}: reader ended before record {n}");
                theirs.Clear();
                Assert.True(flattener.TryFlatten(Encoding.UTF8.GetBytes(line), theirs, out var reason, out _), reason);
                var a = Pairs(ours);
                var b = Pairs(theirs);
                if (!a.SequenceEqual(b))
                {
                    var only = a.Except(b).Take(3).Concat(b.Except(a).Take(3).Select(x => "ref " + x));
                    failures.Add($"{corpus}/{e.RelativePath} record {n}: {string.Join("; ", only)}");
                    break;
                }
                if (ours.EventId >= 0) Assert.Equal(ours.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture), ours.GetString("EventID"));
                Assert.Equal(file.Current.RecordId, ours.RecordId); // the record header's id (exported logs renumber it; EventRecordID keeps the original)
                n++;
                records++;
            }
        }
        Assert.True(records > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>(name, value) pairs sorted, SystemTime values cut to microseconds (the peer's precision).</summary>
    static List<string> Pairs(EventFields f)
    {
        var list = new List<string>(f.Count);
        for (var i = 0; i < f.Count; i++)
        {
            var name = FieldNames.Name(f.FieldId(i));
            var value = f.Value(i).ToString();
            if (name.Equals("TimeCreated_SystemTime", StringComparison.OrdinalIgnoreCase) && value.Length == 28) value = value[..26] + "Z";
            list.Add(name.ToLowerInvariant() + "=" + value);
        }
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
