using Harrier.Sigma.Matching;

namespace Harrier.Sigma.Tests.Features;

/// <summary>The multi-needle search reports exactly the needles a plain case-insensitive IndexOf finds, in both of its forms.</summary>
public sealed class AhoCorasickTests
{
    [Theory]
    [InlineData(1, 20, "abc")]          // small: the full transition table
    [InlineData(2, 400, "abcdefghij")]  // overlapping needles, failure chains
    [InlineData(3, 3000, "abcdefghijklmnopqrstuvwxyz\\.-_ ")] // too many cells: the sparse trie
    [InlineData(4, 50, "aAbBéÉkK\u212A")] // case folding, incl. the Kelvin sign (ordinal upper-casing leaves it alone)
    public void Finds_what_IndexOf_finds(int seed, int needleCount, string alphabet)
    {
        var random = new Random(seed);
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        var needles = Enumerable.Range(0, needleCount).Select(_ => Word(1, 8)).ToList();
        needles.Add(needles[0]); // a duplicate: both ids are reported
        var automaton = new AhoCorasick(needles, new CharClasses(needles));
        Assert.Equal(needleCount > 1000, automaton.TableCells == 0);
        var seen = new int[needles.Count];
        var found = new int[4];
        for (var round = 1; round <= 300; round++)
        {
            var text = Word(0, 60) + "~" + Word(0, 20); // '~' is no needle character
            var count = 0;
            automaton.Search(text, seen, round, ref found, ref count);
            var expected = Enumerable.Range(0, needles.Count).Where(i => text.Contains(needles[i], StringComparison.OrdinalIgnoreCase)).ToHashSet();
            Assert.Equal(expected.Count, count);
            Assert.True(expected.SetEquals(found[..count]), $"text '{text}'");
        }
    }

    [Fact]
    public void A_needle_that_is_a_suffix_of_another_is_reported_through_the_output_links()
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
}
