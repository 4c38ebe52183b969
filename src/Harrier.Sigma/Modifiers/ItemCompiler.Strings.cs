namespace Harrier.Sigma.Modifiers;

// contains / startswith / endswith / windash / exists
internal sealed partial class ItemCompiler
{
    static readonly char[] Dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
    const int MaxWindashPositions = 5;
    bool _exists;

    void ApplyWrap(bool leading, bool trailing)
    {
        switch (_kind)
        {
            case ValueKind.Regex: return; // regexes are searched as substrings already
            case ValueKind.FieldRef:
                _fieldRefMode = leading && trailing ? Matching.Nodes.FieldRefMode.Contains
                    : leading ? Matching.Nodes.FieldRefMode.EndsWith : Matching.Nodes.FieldRefMode.StartsWith;
                return;
        }
        RequirePatterns(leading && trailing ? "contains" : leading ? "endswith" : "startswith");
        _patterns = _patterns.Select(p =>
        {
            if (leading) p = p.WithLeadingAnyRun();
            if (trailing) p = p.WithTrailingAnyRun();
            return p;
        }).ToList();
    }

    /// <summary>
    /// Every '-' or '/' at the start of a flag (preceded by a non-word character or the start, followed
    /// by a word character: pySigma's <c>\B[-/]\b</c>) becomes each of the five dash characters.
    /// </summary>
    void ApplyWindash()
    {
        RequirePatterns("windash");
        _patterns = ReplaceLiterals(text =>
        {
            var positions = FlagPositions(text);
            if (positions.Count > MaxWindashPositions) Fail($"windash: more than {MaxWindashPositions} flag positions in one value");
            var texts = new List<string> { text };
            foreach (var pos in positions)
                texts = [.. texts.SelectMany(t => Dashes.Select(d => string.Concat(t.AsSpan(0, pos), d.ToString(), t.AsSpan(pos + 1))))];
            return texts;
        }).DistinctBy(p => p.ToString()).ToList();
    }

    static List<int> FlagPositions(string s)
    {
        var list = new List<int>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is not ('-' or '/')) continue;
            var prevWord = i > 0 && IsWord(s[i - 1]);
            var nextWord = i + 1 < s.Length && IsWord(s[i + 1]);
            if (!prevWord && nextWord) list.Add(i);
        }
        return list;
    }

    static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    void ApplyExists(int position)
    {
        if (position != 0 || _item.Modifiers.Count != 1) Fail("'exists' must be the only modifier");
        if (_item.Values.Count != 1 || _item.Values[0].Kind != Model.SigmaValueKind.Boolean) Fail("'exists' takes true or false");
        _exists = _item.Values[0].Text == "true";
        _kind = ValueKind.Exists;
    }
}
