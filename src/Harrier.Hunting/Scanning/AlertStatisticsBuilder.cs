using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Scanning;

/// <summary>Accumulates <see cref="AlertStatistics"/> one alert at a time (not thread-safe).</summary>
public sealed class AlertStatisticsBuilder
{
    /// <summary>Fields that name the account an alert is about, in order of preference.</summary>
    public static readonly IReadOnlyList<string> AccountFields =
        ["TargetUserName", "SubjectUserName", "User", "UserName", "AccountName", "Param1"];

    readonly long[] _byLevel = new long[5];
    // Counted per rule instance (a reference lookup per alert); folded by (id, title, level) in Build.
    readonly Dictionary<AlertRule, long> _rules = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<string, long> _hosts = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, long> _accounts = new(StringComparer.OrdinalIgnoreCase);
    long _total, _first, _last, _withExposure, _raised;

    public void Add(Alert alert)
    {
        _total++;
        _byLevel[(int)alert.Level]++;
        Bump(_rules, alert.Rule);
        if (alert.Exposure.Count > 0) _withExposure++;
        if (alert.Level > alert.Rule.Level) _raised++;
        if (alert.Computer.Length > 0) Bump(_hosts, alert.Computer);
        if (alert.Fields is AlertFieldList stored) CountAccount(stored);
        else if (AccountOf(alert) is { } account) Bump(_accounts, account);
        if (alert.TimeCreated > 0)
        {
            if (_first == 0 || alert.TimeCreated < _first) _first = alert.TimeCreated;
            if (alert.TimeCreated > _last) _last = alert.TimeCreated;
        }
    }

    /// <summary><see cref="AccountFields"/> as <see cref="Harrier.Evtx.Events.FieldNames"/> ids.</summary>
    internal static readonly int[] AccountFieldIds = [.. AccountFields.Select(Harrier.Evtx.Events.FieldNames.Intern)];

    /// <summary><see cref="AccountOf"/> for stored fields: looked up by field id, counted without a new string
    /// when the account was seen before.</summary>
    void CountAccount(AlertFieldList fields)
    {
        Span<char> chars = stackalloc char[128];
        foreach (var id in AccountFieldIds)
        {
            var i = fields.IndexOf(id);
            if (i < 0) continue;
            scoped ReadOnlySpan<char> v;
            if (!fields.IsAscii) v = fields.Utf16Value(i);
            else
            {
                var ascii = fields.AsciiValue(i);
                if (ascii.Length > chars.Length)
                {
                    var s = fields.Value(i);
                    if (string.IsNullOrWhiteSpace(s) || s == "-") continue;
                    Bump(_accounts, s);
                    return;
                }
                System.Text.Ascii.ToUtf16(ascii, chars, out var n);
                v = chars[..n];
            }
            if (v.IsWhiteSpace() || v is "-") continue;
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                _accounts.GetAlternateLookup<ReadOnlySpan<char>>(), v, out _);
            count++;
            return;
        }
    }

    /// <summary>The account an alert is about: first meaningful value of <see cref="AccountFields"/>.</summary>
    public static string? AccountOf(Alert alert)
    {
        foreach (var name in AccountFields)
        {
            var v = alert.Field(name);
            if (!string.IsNullOrWhiteSpace(v) && v != "-") return v;
        }
        return null;
    }

    public AlertStatistics Build(int top = 5) => new(
        _total,
        (long[])_byLevel.Clone(),
        _rules.GroupBy(r => (r.Key.Id, r.Key.Title, r.Key.Level)).Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Value)))
            .OrderByDescending(r => r.Value).ThenBy(r => r.Key.Title, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Id, StringComparer.Ordinal).Take(top)
            .Select(r => new RuleCount(r.Key.Id, r.Key.Title, r.Key.Level, r.Value)).ToArray(),
        TopOf(_hosts, top),
        TopOf(_accounts, top),
        _first,
        _last)
    {
        WithExposure = _withExposure,
        Raised = _raised,
    };

    static NameCount[] TopOf(Dictionary<string, long> counts, int top) =>
        counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(top)
            .Select(c => new NameCount(c.Key, c.Value)).ToArray();

    static void Bump<TKey>(Dictionary<TKey, long> map, TKey key) where TKey : notnull =>
        map[key] = map.GetValueOrDefault(key) + 1;
}
