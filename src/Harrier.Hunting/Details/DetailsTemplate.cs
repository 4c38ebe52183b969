using Harrier.Evtx.Events;

namespace Harrier.Hunting.Details;

/// <summary>
/// A compiled Details template: segments separated by <c> | </c>, each literal text with
/// <c>%Field%</c> or <c>%Field:table%</c> slots (<see cref="CodeTables"/>). Field names are resolved to
/// <see cref="FieldNames"/> ids once. A segment whose slots are all empty or <c>-</c> is left out, so a
/// line never shows placeholders for data the event does not have.
/// </summary>
public sealed class DetailsTemplate
{
    public const string Separator = " | ";

    readonly Segment[] _segments;

    DetailsTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>Parses a template; throws <see cref="FormatException"/> for an unclosed slot or unknown table.</summary>
    public static DetailsTemplate Parse(string text)
    {
        var segments = text.Split(Separator).Select(ParseSegment).ToArray();
        return new DetailsTemplate(text, segments);
    }

    static Segment ParseSegment(string segment)
    {
        var parts = new List<Part>();
        var i = 0;
        while (i < segment.Length)
        {
            var open = segment.IndexOf('%', i);
            if (open < 0)
            {
                parts.Add(new Part(segment[i..], -1, null));
                break;
            }
            if (open > i) parts.Add(new Part(segment[i..open], -1, null));
            var close = segment.IndexOf('%', open + 1);
            if (close < 0) throw new FormatException($"unclosed %slot% in Details template segment '{segment}'");
            var slot = segment[(open + 1)..close];
            var colon = slot.IndexOf(':');
            CodeTable? table = null;
            if (colon >= 0)
            {
                table = CodeTables.Find(slot[(colon + 1)..])
                    ?? throw new FormatException($"unknown code table '{slot[(colon + 1)..]}' in Details template");
                slot = slot[..colon];
            }
            parts.Add(new Part(null, FieldNames.Intern(slot), table));
            i = close + 1;
        }
        return new Segment([.. parts]);
    }

    /// <summary>Appends the rendered template for <paramref name="e"/>; returns false when every segment was empty.</summary>
    public bool Render(EventFields e, DetailsWriter output)
    {
        var any = false;
        foreach (var segment in _segments)
        {
            if (!segment.HasValue(e)) continue;
            if (any) output.Append(Separator);
            segment.Render(e, output);
            any = true;
        }
        return any;
    }

    /// <summary>True when a value says nothing (absent, empty or the Windows placeholder <c>-</c>).</summary>
    public static bool IsEmpty(ReadOnlySpan<char> value)
    {
        var t = value.Trim();
        return t.IsEmpty || t is "-";
    }

    sealed record Part(string? Literal, int FieldId, CodeTable? Table);

    sealed record Segment(Part[] Parts)
    {
        public bool HasValue(EventFields e)
        {
            foreach (var p in Parts)
                if (p.Literal is null && e.TryGet(p.FieldId, out var v) && !IsEmpty(v)) return true;
            return false;
        }

        public void Render(EventFields e, DetailsWriter output)
        {
            // An empty slot is left out; a "\" joining it to the next slot (DOMAIN\user) goes with it.
            var skipJoin = false;
            foreach (var p in Parts)
            {
                if (p.Literal is not null)
                {
                    output.Append(skipJoin && p.Literal.StartsWith('\\') ? p.Literal[1..] : p.Literal);
                    skipJoin = false;
                    continue;
                }
                if (!e.TryGet(p.FieldId, out var v) || IsEmpty(v)) skipJoin = true;
                else if (p.Table is null) output.AppendValue(v);
                else p.Table.Append(v, output);
            }
        }
    }
}
