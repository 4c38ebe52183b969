using Harrier.Evtx.Events;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Modifiers;

/// <summary>
/// Compiles one <c>field|modifiers: values</c> item into a matcher node. Modifiers apply left to
/// right; a modifier may turn one value into several (ORed). Each modifier family lives in its own
/// file (ItemCompiler.Strings.cs, .Encodings.cs, .Regex.cs, .Numbers.cs, .Network.cs,
/// .Placeholders.cs, .FieldRef.cs).
/// </summary>
internal sealed partial class ItemCompiler
{
    enum ValueKind { Pattern, Regex, Cidr, Compare, TimePart, FieldRef, Exists }

    readonly FieldItem _item;
    readonly SigmaCompileOptions _options;
    List<SigmaPattern> _patterns = [];
    List<string> _texts = [];      // raw value texts, for regex/cidr/numbers/fieldref
    bool _hasNull;
    bool _cased, _all, _negate;
    TextEncoding _encoding = TextEncoding.Utf8;
    ValueKind _kind = ValueKind.Pattern;
    FieldRefMode _fieldRefMode = FieldRefMode.Equals;
    ComparisonOperator _compare = ComparisonOperator.Eq;
    TimePart _timePart;
    string _regexFlags = "";

    ItemCompiler(FieldItem item, SigmaCompileOptions options)
    {
        _item = item;
        _options = options;
    }

    /// <param name="field">The field name after the log source's field mapping (null for keywords).</param>
    public static Matcher Compile(FieldItem item, string? field, SigmaCompileOptions options) =>
        new ItemCompiler(item, options).Run(field);

    Matcher Run(string? field)
    {
        foreach (var v in _item.Values)
        {
            if (v.Kind == SigmaValueKind.Null)
            {
                _hasNull = true;
                continue;
            }
            _texts.Add(v.Text);
            _patterns.Add(v.Kind == SigmaValueKind.String ? SigmaPattern.Parse(v.Text) : SigmaPattern.Literal(v.Text));
        }
        for (var i = 0; i < _item.Modifiers.Count; i++) Apply(_item.Modifiers[i], i);
        if (_hasNull && _item.Values.Count > 1 && _kind != ValueKind.Pattern) Fail("null cannot be combined with other values here");
        return Build(field);
    }

    void Apply(string modifier, int position)
    {
        switch (modifier)
        {
            case "contains": ApplyWrap(leading: true, trailing: true); break;
            case "startswith": ApplyWrap(leading: false, trailing: true); break;
            case "endswith": ApplyWrap(leading: true, trailing: false); break;
            case "all":
                if (_item.Values.Count < 1) Fail("'all' needs a list of values");
                _all = true;
                break;
            case "cased": _cased = true; break;
            case "neq": _negate = true; break;
            case "windash": ApplyWindash(); break;
            case "exists": ApplyExists(position); break;
            case "re": ApplyRegex(position); break;
            case "i" or "ignorecase" or "m" or "multiline" or "s" or "dotall": ApplyRegexFlag(modifier); break;
            case "base64": ApplyBase64(); break;
            case "base64offset": ApplyBase64Offset(); break;
            case "wide" or "utf16le": SetEncoding(TextEncoding.Utf16Le); break;
            case "utf16be": SetEncoding(TextEncoding.Utf16Be); break;
            case "utf16": SetEncoding(TextEncoding.Utf16Bom); break;
            case "lt": ApplyCompare(ComparisonOperator.Lt); break;
            case "lte": ApplyCompare(ComparisonOperator.Lte); break;
            case "gt": ApplyCompare(ComparisonOperator.Gt); break;
            case "gte": ApplyCompare(ComparisonOperator.Gte); break;
            case "minute": ApplyTimePart(TimePart.Minute); break;
            case "hour": ApplyTimePart(TimePart.Hour); break;
            case "day": ApplyTimePart(TimePart.Day); break;
            case "week": ApplyTimePart(TimePart.Week); break;
            case "month": ApplyTimePart(TimePart.Month); break;
            case "year": ApplyTimePart(TimePart.Year); break;
            case "cidr": ApplyCidr(position); break;
            case "expand": ApplyExpand(); break;
            case "fieldref": ApplyFieldRef(); break;
            default: Fail($"unknown modifier '{modifier}'"); break;
        }
    }

    Matcher Build(string? field)
    {
        if (field is null && _kind is not ValueKind.Pattern and not ValueKind.Regex)
            Fail($"this modifier needs a field; keyword searches only take string and regex values");
        if (field is null && _kind == ValueKind.Pattern) // keywords are searched inside values
            _patterns = _patterns.Select(p => p.WithLeadingAnyRun().WithTrailingAnyRun()).ToList();
        var fieldId = field is null ? -1 : FieldNames.Intern(field);
        Matcher matcher;
        switch (_kind)
        {
            case ValueKind.Exists:
                matcher = new ExistsMatcher(fieldId, _exists);
                break;
            case ValueKind.FieldRef:
                matcher = BuildFieldRef(fieldId);
                break;
            default:
                var predicates = BuildPredicates();
                if (predicates.Count == 0 && !_hasNull) Fail("no values");
                Matcher? values = predicates.Count == 0 ? null
                    : fieldId < 0 ? new KeywordMatcher([.. predicates], _all)
                    : new FieldMatcher(fieldId, [.. predicates], _all && predicates.Count > 1);
                if (_hasNull)
                {
                    if (fieldId < 0) Fail("null is not a keyword");
                    var absent = new ExistsMatcher(fieldId, false);
                    matcher = values is null ? absent : new OrMatcher([absent, values]);
                }
                else matcher = values!;
                break;
        }
        return _negate ? new NotMatcher(matcher) : matcher;
    }

    List<ValuePredicate> BuildPredicates() => _kind switch
    {
        ValueKind.Regex => BuildRegexPredicates(),
        ValueKind.Cidr => BuildCidrPredicates(),
        ValueKind.Compare => BuildComparePredicates(),
        ValueKind.TimePart => BuildTimePartPredicates(),
        _ => _patterns.Select(p => p.ToPredicate(_cased)).ToList(),
    };

    void RequirePatterns(string modifier)
    {
        if (_kind != ValueKind.Pattern) Fail($"'{modifier}' cannot follow '{_kind.ToString().ToLowerInvariant()}' modifiers");
    }

    void Fail(string reason) => throw new SigmaRuleException(_item.Line, $"{ItemName}: {reason}");

    string ItemName => (_item.Field ?? "") + (_item.Modifiers.Count > 0 ? "|" + string.Join('|', _item.Modifiers) : "");
}
