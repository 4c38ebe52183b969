namespace Harrier.Sigma.Matching;

/// <summary>
/// (channel, EventID) → the rule branches that can match such an event, precomputed and merged
/// (channel-specific with any-channel rules, EventID-specific with any-EventID ones), in rule order.
/// </summary>
internal sealed class RuleIndex
{
    internal readonly record struct Candidate(int Rule, Nodes.Matcher Matcher, RuleTrigger? Trigger);

    sealed class Bucket
    {
        public readonly Dictionary<int, List<Candidate>> ByEventId = [];
        public readonly List<Candidate> AnyEventId = [];
        public Dictionary<int, CandidateList> MergedByEventId = [];
        public CandidateList MergedAny = new([]);
    }

    readonly Dictionary<string, Bucket> _channels = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Bucket>.AlternateLookup<ReadOnlySpan<char>> _channelLookup;
    readonly Bucket _anyChannel = new();

    public RuleIndex() => _channelLookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Add(int rule, CompiledBranch branch, RuleTrigger? trigger = null)
    {
        var c = new Candidate(rule, branch.Matcher, trigger);
        if (branch.Channels is null) Add(_anyChannel, c, branch.EventIds);
        else
            foreach (var ch in branch.Channels)
            {
                if (!_channels.TryGetValue(ch, out var b)) _channels[ch] = b = new Bucket();
                Add(b, c, branch.EventIds);
            }
    }

    static void Add(Bucket b, Candidate c, IReadOnlySet<int>? eventIds)
    {
        if (eventIds is null)
        {
            b.AnyEventId.Add(c);
            return;
        }
        foreach (var id in eventIds)
        {
            if (!b.ByEventId.TryGetValue(id, out var list)) b.ByEventId[id] = list = [];
            list.Add(c);
        }
    }

    /// <summary>Merges the lists; call once after the last <see cref="Add"/>.</summary>
    public void Freeze()
    {
        Merge(_anyChannel, null);
        foreach (var b in _channels.Values) Merge(b, _anyChannel);
    }

    static void Merge(Bucket b, Bucket? any)
    {
        var eventIds = b.ByEventId.Keys.Concat(any is null ? [] : any.ByEventId.Keys).Distinct().ToList();
        foreach (var id in eventIds)
        {
            var list = new List<Candidate>();
            if (b.ByEventId.TryGetValue(id, out var own)) list.AddRange(own);
            list.AddRange(b.AnyEventId);
            if (any is not null)
            {
                if (any.ByEventId.TryGetValue(id, out var anyOwn)) list.AddRange(anyOwn);
                list.AddRange(any.AnyEventId);
            }
            b.MergedByEventId[id] = Sorted(list);
        }
        b.MergedAny = Sorted([.. b.AnyEventId, .. any?.AnyEventId ?? []]);
    }

    static CandidateList Sorted(List<Candidate> list)
    {
        // by rule, then in the order added: a sort of plain numbers (rule, position), no comparer to JIT per run
        var keys = new long[list.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = (long)list[i].Rule << 32 | (uint)i;
        Array.Sort(keys);
        var a = new Candidate[keys.Length];
        for (var i = 0; i < a.Length; i++) a[i] = list[(int)(uint)keys[i]];
        return new CandidateList(a);
    }

    /// <summary>Candidates for an event of this channel and EventID (−1 when unknown).</summary>
    public Candidate[] Lookup(ReadOnlySpan<char> channel, int eventId) => LookupList(channel, eventId).Items;

    /// <summary>Candidates for an event of this channel and EventID (−1 when unknown), with their triggers inverted.</summary>
    public CandidateList LookupList(ReadOnlySpan<char> channel, int eventId)
    {
        var b = channel.IsEmpty || !_channelLookup.TryGetValue(channel, out var found) ? _anyChannel : found;
        return b.MergedByEventId.TryGetValue(eventId, out var list) ? list : b.MergedAny;
    }

    public int ChannelCount => _channels.Count;
}
