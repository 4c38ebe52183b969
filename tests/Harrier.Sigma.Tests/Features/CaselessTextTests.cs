using Harrier.Sigma.Matching.Predicates;

namespace Harrier.Sigma.Tests.Features;

/// <summary>The vectorised caseless search answers as <c>IndexOf(text, OrdinalIgnoreCase)</c>, on ASCII and beyond.</summary>
public sealed class CaselessTextTests
{
    [Fact]
    public void Finds_what_IndexOf_ignoring_case_finds()
    {
        const string Alphabet = "abcAB \\/-_.İıiIſsSKkK\u212AßẞσςΣéÉ\u00E5\u212B";
        var random = new Random(11);
        string Random(int max) => new([.. Enumerable.Range(0, random.Next(max + 1)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
        for (var i = 0; i < 20_000; i++)
        {
            var text = Random(4);
            var value = Random(40);
            var expected = value.AsSpan().IndexOf(text, StringComparison.OrdinalIgnoreCase);
            Assert.True(expected == new CaselessText(text).IndexIn(value), $"'{text}' in '{value}': {expected}");
        }
        Assert.Equal(4, new CaselessText("POWERSHELL").IndexIn("C:\\\\PowerShell.exe -enc"));
        Assert.Equal(-1, new CaselessText("cmd").IndexIn("powershell"));
    }
}
