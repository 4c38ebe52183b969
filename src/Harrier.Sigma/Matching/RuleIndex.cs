using System.Collections.Concurrent;

namespace Harrier.Sigma.Matching;

/// <summary>
/// (channel, EventID) → the rule branches that can match such an event, merged (channel-specific with any-channel
/// rules, EventID-specific with any-EventID ones), in rule order. Thread-safe once frozen.
/// </summary>
internal sealed class RuleIndex
{
    internal readonly record struct Candidate(int Rule, Nodes.Matcher Matcher, RuleTrigger? Trigger);

    sealed class Bucket(Bucket? any)
    {
        public readonly Dictionary<int, List<Candidate>> ByEventId = [];
        public readonly List<Candidate> AnyEventId = [];
        /// <summary>The any-channel bucket whose branches a channel's lists include (null for that bucket itself).</summary>
        public readonly Bucket? Any = any;
        /// <summary>Merged lists made on first lookup of each EventID (most (channel, EventID) pairs never occur in an input).</summary>
        public readonly ConcurrentDictionary<int, CandidateList> Merged = new();
        CandidateList? _mergedAny;

        public CandidateList MergedAny =>
            Volatile.Read(ref _mergedAny) ?? Interlocked.CompareExchange(ref _mergedAny, Sorted([.. AnyEventId, .. Any?.AnyEventId ?? []]), null) ?? _mergedAny!;

        /// <summary>The list for <paramref name="eventId"/>: this bucket's and the any-channel bucket's branches for it and for any EventID.</summary>
        public CandidateList Resolve(int eventId)
        {
            if (!ByEventId.ContainsKey(eventId) && Any?.ByEventId.ContainsKey(eventId) != true) return Merged.GetOrAdd(eventId, MergedAny);
            var list = new List<Candidate>();
            if (ByEventId.TryGetValue(eventId, out var own)) list.AddRange(own);
            list.AddRange(AnyEventId);
            if (Any is not null)
            {
                if (Any.ByEventId.TryGetValue(eventId, out var anyOwn)) list.AddRange(anyOwn);
                list.AddRange(Any.AnyEventId);
            }
            // racing threads build equal lists; one is kept
            return Merged.GetOrAdd(eventId, Sorted(list));
        }
    }

    readonly Dictionary<string, Bucket> _channels = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Bucket>.AlternateLookup<ReadOnlySpan<char>> _channelLookup;
    readonly Bucket _anyChannel = new(null);
    bool _frozen;

    public RuleIndex() => _channelLookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Add(int rule, CompiledBranch branch, RuleTrigger? trigger = null)
    {
        if (_frozen) throw new InvalidOperationException("the index is frozen");
        var c = new Candidate(rule, branch.Matcher, trigger);
        if (branch.Channels is null) Add(_anyChannel, c, branch.EventIds);
        else
            foreach (var ch in branch.Channels)
            {
                if (!_channels.TryGetValue(ch, out var b)) _channels[ch] = b = new Bucket(_anyChannel);
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

    /// <summary>
    /// Ends adding; lookups may start. The merged list of each (channel, EventID) is made on its first lookup, by whichever
    /// thread asks first: building them all here cost ≈ 55 ms per run, mostly for pairs no input has.
    /// </summary>
    public void Freeze() => _frozen = true;

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
        return b.Merged.TryGetValue(eventId, out var list) ? list : b.Resolve(eventId);
    }

    public int ChannelCount => _channels.Count;
}
