using Harrier.Evtx.Events;
using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Tests.Features;

/// <summary>
/// The shared literal search must report exactly the needles that <c>IndexOf(…, OrdinalIgnoreCase)</c> finds, through
/// either of its search paths (full table for small automata, sparse trie for large ones) and for any text: ASCII,
/// other letters with case (the ASCII shortcut must not change them), values shorter than every needle.
/// </summary>
public class AhoCorasickTests
{
    // letters with simple case mappings in and out of ASCII: ſ folds to S, K (Kelvin) to K, İ/ı, Greek, Cyrillic
    const string Alphabet = "abcsSkK:\\.- xyzAB\u017F\u212A\u0130\u0131\u03A3\u03C3\u0416\u0436éÉ0";

    [Theory]
    [InlineData(6, 4, 1)]      // few short needles: full table
    [InlineData(40, 8, 2)]
    [InlineData(3000, 12, 3)]  // many long needles: past the table limit, the sparse trie
    public void Reports_exactly_the_needles_IndexOf_finds(int needleCount, int maxLength, int seed)
    {
        var random = new Random(seed);
        string Word(int min, int max) => RandomWord(random, min, max);
        var needles = Enumerable.Range(0, needleCount).Select(_ => Word(2, maxLength)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ac = new AhoCorasick(needles, new CharClasses(needles));
        if (needleCount <= 40) Assert.True(ac.TableCells > 0);
        else Assert.Equal(0, ac.TableCells);
        var seen = new int[needles.Count];
        var found = new int[4];
        for (var stamp = 1; stamp <= 3000; stamp++)
        {
            // texts built around needles, so that most contain some, in changed case
            var text = Word(0, 6) + (random.Next(2) == 0 ? Flip(needles[random.Next(needles.Count)], random) : "") + Word(0, 30);
            var count = 0;
            ac.Search(text, seen, stamp, ref found, ref count);
            var expected = Enumerable.Range(0, needles.Count).Where(i => text.Contains(needles[i], StringComparison.OrdinalIgnoreCase)).ToHashSet();
            var reported = found.Take(count).ToHashSet();
            Assert.True(expected.SetEquals(reported), $"text '{text}': expected [{string.Join(", ", expected.Select(i => needles[i]))}], reported [{string.Join(", ", reported.Select(i => needles[i]))}]");
            Assert.Equal(count, reported.Count); // each needle once
            Assert.All(Enumerable.Range(0, needles.Count), i => Assert.Equal(expected.Contains(i), seen[i] == stamp));
        }
    }

    /// <summary>
    /// An automaton read from a cache whose tables were damaged (and the checksum passed) is rejected, or else searches
    /// without reading out of bounds or looping: every index-valued cell set to values just inside and outside its range.
    /// </summary>
    [Theory]
    [InlineData(6, 4, 7)]      // with a full table
    [InlineData(300, 10, 8)]   // sparse trie only
    public async Task A_damaged_automaton_is_rejected_or_searches_safely(int needleCount, int maxLength, int seed)
    {
        var random = new Random(seed);
        var needles = Enumerable.Range(0, needleCount).Select(_ => RandomWord(random, 2, maxLength)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var classes = new CharClasses(needles);
        var writer = new Harrier.Sigma.Compilation.CacheWriter();
        new AhoCorasick(needles, classes).Write(writer);
        var bytes = writer.Written.ToArray();
        ushort[]? depths = null;
        Assert.Equal(needles.Count, AhoCorasick.Read(new Harrier.Sigma.Compilation.CacheReader(bytes), classes, ref depths).NeedleCount);
        var states = BitConverter.ToInt32(bytes, 4);
        int[] values = [-1, 0, 1, states - 1, states, states + 1, needles.Count, classes.Count, short.MaxValue, int.MaxValue];
        var (rejected, accepted) = (0, 0);
        for (var trial = 0; trial < 1500; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            var at = 12 + 4 * random.Next((damaged.Length - 12) / 4);
            BitConverter.TryWriteBytes(damaged.AsSpan(at), values[random.Next(values.Length)]);
            AhoCorasick read;
            try
            {
                read = AhoCorasick.Read(new Harrier.Sigma.Compilation.CacheReader(damaged), classes, ref depths);
            }
            catch (InvalidDataException)
            {
                rejected++;
                continue;
            }
            accepted++;
            var seen = new int[read.NeedleCount];
            var found = new int[4];
            var search = Task.Run(() =>
            {
                for (var stamp = 1; stamp <= 20; stamp++)
                {
                    var count = 0;
                    read.Search(RandomWord(new Random(stamp), 0, 40) + needles[stamp % needles.Count], seen, stamp, ref found, ref count);
                }
            });
            await search.WaitAsync(TimeSpan.FromSeconds(10)); // throws TimeoutException when a search loops
        }
        Assert.True(rejected > 100 && accepted > 0, $"{rejected} rejected, {accepted} accepted");
    }

    /// <summary>
    /// The search over all values of an event (keywords; with a table it runs two values at a time, taken from both
    /// ends) must report what searching each value on its own reports: no needle spanning two values, none missed in a
    /// value that a shorter partner left to finish alone, none in values shorter than every needle.
    /// </summary>
    [Theory]
    [InlineData(6, 4, 4)]
    [InlineData(40, 8, 5)]
    [InlineData(3000, 12, 6)]
    public void Searching_every_value_of_an_event_reports_what_each_value_holds(int needleCount, int maxLength, int seed)
    {
        var random = new Random(seed);
        string Word(int min, int max) => RandomWord(random, min, max);
        var needles = Enumerable.Range(0, needleCount).Select(_ => Word(2, maxLength)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ac = new AhoCorasick(needles, new CharClasses(needles));
        var field = FieldNames.Intern("AhoCorasickTests.Value");
        var e = new EventFields();
        var seen = new int[needles.Count];
        var found = new int[4];
        for (var stamp = 1; stamp <= 2000; stamp++)
        {
            e.Clear();
            var values = new List<string>();
            for (var v = random.Next(0, 10); v > 0; v--)
            {
                var needle = Flip(needles[random.Next(needles.Count)], random);
                var value = random.Next(4) switch
                {
                    0 => Word(0, 3),                                        // mostly too short for any needle
                    1 => Word(0, 40) + needle + Word(0, 5),                 // a needle near a value's end
                    2 => Word(0, 5) + needle[..(needle.Length / 2)],        // a needle's first half,
                    _ => needle[(needle.Length / 2)..] + Word(0, 5),        // its second half in another value
                };
                values.Add(value);
                e.Add(field, value);
            }
            var count = 0;
            ac.Search(e, seen, stamp, ref found, ref count);
            var expected = Enumerable.Range(0, needles.Count)
                .Where(i => values.Any(v => v.Contains(needles[i], StringComparison.OrdinalIgnoreCase))).ToHashSet();
            var reported = found.Take(count).ToHashSet();
            Assert.True(expected.SetEquals(reported), $"values [{string.Join(" | ", values)}]: expected [{string.Join(", ", expected.Select(i => needles[i]))}], reported [{string.Join(", ", reported.Select(i => needles[i]))}]");
            Assert.Equal(count, reported.Count);
            Assert.All(Enumerable.Range(0, needles.Count), i => Assert.Equal(expected.Contains(i), seen[i] == stamp));
        }
    }

    [Fact]
    public void A_needle_spanning_two_values_of_an_event_is_not_reported()
    {
        string[] needles = ["abcd", "zz"];
        var automaton = new AhoCorasick(needles, new CharClasses(needles));
        Assert.True(automaton.TableCells > 0);
        var e = new EventFields();
        var field = FieldNames.Intern("AhoCorasickTests.Value");
        foreach (var v in new[] { "..ab", "cd..", "xz", "z", "ABCD" }) e.Add(field, v);
        var seen = new int[needles.Length];
        var found = new int[1];
        var count = 0;
        automaton.Search(e, seen, 1, ref found, ref count);
        Assert.Equal([0], found[..count]); // "abcd" from the last value; neither "ab|cd" nor "z|z"
    }

    [Fact]
    public void A_needle_that_ends_inside_another_is_reported_through_the_output_links()
    {
        string[] needles = ["xabcd", "bcd", "cd", "d", "zz"];
        var automaton = new AhoCorasick(needles, new CharClasses(needles));
        var seen = new int[needles.Length];
        var found = new int[1];
        var count = 0;
        automaton.Search("..XABCD..", seen, 1, ref found, ref count);
        Assert.Equal([0, 1, 2, 3], found[..count].Order());
        Assert.Equal(14, automaton.StateCount); // the root; x…xabcd (5); b, bc, bcd; c, cd; d; z, zz
    }

    static string RandomWord(Random random, int min, int max)
    {
        var chars = new char[random.Next(min, max + 1)];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    static string Flip(string s, Random random) =>
        string.Create(s.Length, (s, random), (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = state.random.Next(2) == 0 ? char.ToUpperInvariant(state.s[i]) : char.ToLowerInvariant(state.s[i]);
        });
}
