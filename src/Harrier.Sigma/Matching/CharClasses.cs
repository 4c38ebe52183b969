namespace Harrier.Sigma.Matching;

/// <summary>
/// Maps every UTF-16 code unit to a small class number shared by the characters that are equal
/// ignoring case (simple upper-case folding, as OrdinalIgnoreCase); class 0 = a character no needle
/// uses. One map (128 KiB) serves all literal searches of a rule set.
/// </summary>
internal sealed class CharClasses
{
    public CharClasses(IEnumerable<string> needles)
    {
        var classOfFolded = new ushort[char.MaxValue + 1];
        ushort count = 1;
        foreach (var n in needles)
            foreach (var ch in n)
            {
                var f = char.ToUpperInvariant(ch);
                if (classOfFolded[f] != 0) continue;
                if (count == ushort.MaxValue) throw new InvalidOperationException("too many distinct characters for the literal search");
                classOfFolded[f] = count++;
            }
        Map = new ushort[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++) Map[c] = classOfFolded[char.ToUpperInvariant((char)c)];
        Count = count;
    }

    CharClasses(ushort[] map, int count)
    {
        Map = map;
        Count = count;
    }

    /// <summary>Classes read back from the compiled-rule cache; every class number must be below <paramref name="count"/>.</summary>
    internal static CharClasses FromMap(ushort[] map, int count)
    {
        if (map.Length != char.MaxValue + 1 || count < 1) throw new InvalidDataException("compiled-rule cache: bad character classes");
        foreach (var k in map)
            if (k >= count) throw new InvalidDataException("compiled-rule cache: bad character classes");
        return new CharClasses(map, count);
    }

    public ushort[] Map { get; }

    /// <summary>Number of classes including class 0.</summary>
    public int Count { get; }
}
