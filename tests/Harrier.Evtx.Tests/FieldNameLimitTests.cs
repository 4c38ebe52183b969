using System.Text;
using Harrier.Evtx.Events;
using Harrier.Testing;

namespace Harrier.Evtx.Tests;

/// <summary>
/// Field names are interned for the life of the process. A fuzzing run (seed 21) grew the table to gigabytes
/// because damaged name lengths made every mutated record contribute new names of up to 64 K characters.
/// New names are now bounded in length and in number, and a refused name fails only the records that use it.
/// </summary>
[Collection(FieldNameTableCollection.Name)]
public class FieldNameLimitTests
{
    [Fact]
    public void A_name_longer_than_the_limit_is_refused_and_never_interned()
    {
        var before = FieldNames.Count;
        var name = "Long" + new string('n', Limits.MaxFieldNameLength);
        var e = Assert.Throws<EvtxFormatException>(() => FieldNames.Intern(name));
        Assert.Contains($"{name.Length} characters", e.Message);
        Assert.Throws<EvtxFormatException>(() => FieldNames.Intern(name.AsSpan()));
        Assert.False(FieldNames.TryGet(name, out _));
        Assert.Equal(before, FieldNames.Count);
        var atLimit = new string('m', Limits.MaxFieldNameLength);
        Assert.Equal(atLimit, FieldNames.Name(FieldNames.Intern(atLimit)));
    }

    [Fact]
    public void Once_the_table_is_full_new_names_are_refused_and_known_names_still_resolve()
    {
        var saved = FieldNames.MaxNames;
        try
        {
            FieldNames.MaxNames = FieldNames.Count + 2;
            var a = FieldNames.Intern("LimitTestFieldA");
            var b = FieldNames.Intern("LimitTestFieldB");
            var e = Assert.Throws<EvtxFormatException>(() => FieldNames.Intern("LimitTestFieldC"));
            Assert.Contains("distinct field names", e.Message);
            Assert.Equal(a, FieldNames.Intern("limittestfielda"));
            Assert.Equal(b, FieldNames.Intern("LimitTestFieldB".AsSpan()));
            Assert.Equal(FieldNames.EventId, FieldNames.Intern("EventID"));
        }
        finally
        {
            FieldNames.MaxNames = saved;
        }
    }

    [Fact]
    public void Each_spelling_of_a_field_keeps_its_name_and_shares_the_field()
    {
        var field = FieldNames.Intern("SpellingTestProcessId");
        var upper = FieldNames.InternSpelling("SpellingTestPROCESSID");
        var lower = FieldNames.InternSpelling("spellingtestprocessid".AsSpan());
        Assert.Equal(field, FieldNames.FieldOf(upper));
        Assert.Equal(field, FieldNames.FieldOf(lower));
        Assert.Equal("SpellingTestPROCESSID", FieldNames.Spelling(upper));
        Assert.Equal("spellingtestprocessid", FieldNames.Spelling(lower));
        Assert.Equal("SpellingTestProcessId", FieldNames.Name(field)); // the canonical spelling stays the first
        Assert.Equal(upper, FieldNames.InternSpelling("SpellingTestPROCESSID".AsSpan()));
        var e = new EventFields();
        e.Add("SpellingTestPROCESSID", "1");
        e.Add(field, "2");
        Assert.Equal(["SpellingTestPROCESSID", "SpellingTestProcessId"], new[] { e.Name(0), e.Name(1) });
        Assert.Equal(1, e.IndexOf(field, 1));
        var copy = e.Clone();
        Assert.Equal(e.SpellingId(0), copy.SpellingId(0));
    }

    [Fact]
    public void Once_the_spellings_are_full_a_new_one_takes_the_canonical_name()
    {
        var saved = FieldNames.MaxSpellings;
        try
        {
            var field = FieldNames.Intern("SpellingLimitTest");
            var first = FieldNames.InternSpelling("SPELLINGLIMITTEST");
            FieldNames.MaxSpellings = 0; // no room left for new spellings
            var refused = FieldNames.InternSpelling("spellinglimittest");
            Assert.Equal(FieldNames.CanonicalSpelling(field), refused);
            Assert.Equal("SpellingLimitTest", FieldNames.Spelling(refused));
            Assert.Equal(first, FieldNames.InternSpelling("SPELLINGLIMITTEST")); // known spellings still resolve
            Assert.Equal(field, FieldNames.Intern("sPELLINGlIMITtEST".AsSpan()));
            var brandNew = FieldNames.InternSpelling("SpellingLimitTestNewField"); // a new field still gets its name
            Assert.Equal("SpellingLimitTestNewField", FieldNames.Spelling(brandNew));
        }
        finally
        {
            FieldNames.MaxSpellings = saved;
        }
    }

    [Fact]
    public void A_record_whose_name_length_is_damaged_fails_alone_with_a_diagnostic()
    {
        // Real logs: in the first chunk, stretch the length of the name "Computer" (a UTF-16 count in the two
        // bytes before its characters) past the limit, as the fuzzer's mutations did. The template that defines
        // the name inline then no longer parses, but other templates refer to it by offset: their records parse,
        // render as JSON, and must fail only when flattened, with a diagnostic that names the record.
        var pattern = Encoding.Unicode.GetBytes("Computer");
        var refusedFiles = 0;
        foreach (var path in Directory.EnumerateFiles(SharedData.Corpus("evtx-attack-samples"), "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var data = File.ReadAllBytes(path);
            if (data.Length < 4096 + 65536) continue;
            var chunk = data.AsSpan(4096, 65536);
            var i = chunk.IndexOf(pattern);
            if (i < 2 || BitConverter.ToUInt16(chunk[(i - 2)..]) != 8 || i + 2 * 1100 > chunk.Length) continue;
            BitConverter.TryWriteBytes(data.AsSpan(4096 + i - 2), (ushort)1100);

            var diagnostics = new List<EvtxDiagnostic>();
            using var file = EvtxFile.Open(new MemoryStream(data), "stretched.evtx", new EvtxReadOptions { OnDiagnostic = diagnostics.Add });
            var fields = new EventFields();
            int refused = 0, rendered = 0;
            while (file.MoveNext())
            {
                if (file.Current.ToJson() is not null) rendered++;
                if (!file.Current.TryFill(fields)) refused++;
            }
            var tooLong = diagnostics.Where(d => d.Message.Contains("field name of 1100 characters")).ToList();
            Assert.Equal(refused, tooLong.Count);
            Assert.All(tooLong, d => Assert.Equal("stretched.evtx", d.File));
            Assert.All(tooLong, d => Assert.NotNull(d.RecordId));
            if (refused == 0) continue;
            Assert.True(rendered >= refused, $"{path}: records refused when flattened must still render");
            if (++refusedFiles == 3) break;
        }
        Assert.True(refusedFiles > 0, "no sample had a record that reached the flattener with the stretched name");
    }
}

/// <summary>Tests that change the process-wide field-name table's limit run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class FieldNameTableCollection
{
    public const string Name = "field name table";
}
