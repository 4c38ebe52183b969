using Harrier.Evtx.Events;

namespace Harrier.Hunting.Details;

/// <summary>
/// Renders the one-line Details of an event: the (provider, EventID) template from <see cref="DetailsCatalog"/>,
/// else the event's own (non-System) fields as <c>Name: value</c> pairs. Thread-safe after construction;
/// rendering allocates only the returned string and its writer.
/// </summary>
public sealed class DetailsRenderer
{
    /// <summary>How many fields the fallback (no template) line shows.</summary>
    public const int FallbackFields = 10;

    static readonly HashSet<string> SystemFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "EventID", "EventID_Qualifiers", "Channel", "Computer", "Provider_Name", "Provider_Guid",
        "Provider_EventSourceName", "Level", "Keywords", "Task", "Opcode", "Version", "EventRecordID",
        "TimeCreated_SystemTime", "Execution_ProcessID", "Execution_ThreadID", "Security_UserID",
        "Correlation_ActivityID", "Correlation_RelatedActivityID", "xmlns",
    };

    public static readonly DetailsRenderer Default = new(DetailsCatalog.Entries);

    readonly Dictionary<(string Provider, int EventId), DetailsTemplate> _templates;
    readonly Dictionary<string, Dictionary<int, DetailsTemplate>>.AlternateLookup<ReadOnlySpan<char>> _byProvider;

    public DetailsRenderer(IEnumerable<(string Provider, int EventId, string Template)> entries)
    {
        _templates = [];
        var byProvider = new Dictionary<string, Dictionary<int, DetailsTemplate>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (provider, id, text) in entries)
        {
            var t = DetailsTemplate.Parse(text);
            _templates[(provider, id)] = t;
            if (!byProvider.TryGetValue(provider, out var map)) byProvider[provider] = map = [];
            map[id] = t;
        }
        _byProvider = byProvider.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The template for an event, or null.</summary>
    public DetailsTemplate? Find(EventFields e) =>
        e.TryGet(FieldNames.Provider, out var provider) && _byProvider.TryGetValue(provider, out var map)
            && map.TryGetValue(e.EventId, out var t) ? t : null;

    public string Render(EventFields e)
    {
        var w = new DetailsWriter();
        Render(e, w);
        return w.ToString();
    }

    /// <summary>Renders into <paramref name="w"/> (cleared first), so a caller can reuse one writer for every event.</summary>
    public void Render(EventFields e, DetailsWriter w)
    {
        w.Clear();
        if (Find(e) is { } template && template.Render(e, w)) return;
        RenderFallback(e, w);
    }

    static void RenderFallback(EventFields e, DetailsWriter w)
    {
        var shown = 0;
        for (var i = 0; i < e.Count && shown < FallbackFields; i++)
        {
            var name = e.Name(i); // as the event spells it
            var value = e.Value(i);
            if (SystemFields.Contains(name) || name.StartsWith("xmlns", StringComparison.OrdinalIgnoreCase)
                || DetailsTemplate.IsEmpty(value)) continue;
            if (shown > 0) w.Append(DetailsTemplate.Separator);
            w.Append(name);
            w.Append(": ");
            w.AppendValue(value);
            shown++;
        }
    }
}
