using Harrier.Sigma.Model;

namespace Harrier.Sigma.Loading;

// The binary form of parse results: every field of the rule model (a rule's notes and detection sized, so that they can be
// decoded when first read). Bump FormatVersion with any change.
internal static partial class ParsedRuleCache
{
    enum DocumentKind : byte { Rule, Correlation, Filter }

    enum NodeKind : byte { All, Any, Field, Keyword }

    /// <summary>The payload encoding of parse results (tests compare encodings to check that a round trip loses nothing).</summary>
    internal static byte[] Encode((List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] results)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, StrictUtf8, leaveOpen: true)) WriteResults(writer, results);
        return stream.ToArray();
    }

    internal static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] Decode(byte[] payload)
    {
        using var reader = PayloadReader.Of(payload);
        return ReadResults(reader);
    }

    static void WriteResults(BinaryWriter w, (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] results)
    {
        w.Write(results.Length);
        foreach (var (docs, diags) in results)
        {
            w.Write(docs.Count);
            foreach (var d in docs) WriteDocument(w, d);
            w.Write(diags.Count);
            foreach (var d in diags)
            {
                w.Write(d.File);
                w.Write(d.Line);
                WriteNullable(w, d.RuleId);
                w.Write(d.Reason);
                w.Write((byte)d.Severity);
            }
        }
    }

    static (List<SigmaDocument> Docs, List<SigmaDiagnostic> Diags)[] ReadResults(BinaryReader r)
    {
        var results = new (List<SigmaDocument>, List<SigmaDiagnostic>)[Count(r)];
        for (var i = 0; i < results.Length; i++)
        {
            var docs = new List<SigmaDocument>();
            for (var n = Count(r); n > 0; n--) docs.Add(ReadDocument(r));
            var diags = new List<SigmaDiagnostic>();
            for (var n = Count(r); n > 0; n--)
                diags.Add(new SigmaDiagnostic(r.ReadString(), r.ReadInt32(), ReadNullable(r), r.ReadString(), (DiagnosticSeverity)r.ReadByte()));
            results[i] = (docs, diags);
        }
        return results;
    }

    static void WriteDocument(BinaryWriter w, SigmaDocument d)
    {
        switch (d)
        {
            case SigmaRule rule:
                w.Write((byte)DocumentKind.Rule);
                WriteInfo(w, rule.Info);
                WriteLogSource(w, rule.LogSource);
                WriteSized(w, rule.Detection, WriteDetection); // a reader can leave it for later (ReadLazy)
                break;
            case SigmaCorrelation c:
                w.Write((byte)DocumentKind.Correlation);
                WriteInfo(w, c.Info);
                w.Write((int)c.Type);
                WriteList(w, c.Rules);
                WriteList(w, c.GroupBy);
                w.Write(c.Timespan.Ticks);
                w.Write(c.Condition.Comparisons.Count);
                foreach (var (op, value) in c.Condition.Comparisons)
                {
                    w.Write((int)op);
                    w.Write(value);
                }
                WriteList(w, c.Condition.Fields);
                w.Write(c.Condition.Percentile.HasValue);
                w.Write(c.Condition.Percentile ?? 0);
                w.Write(c.Aliases.Count);
                foreach (var (alias, perRule) in c.Aliases)
                {
                    w.Write(alias);
                    w.Write(perRule.Count);
                    foreach (var (rule, field) in perRule)
                    {
                        w.Write(rule);
                        w.Write(field);
                    }
                }
                w.Write(c.Generate);
                break;
            case SigmaFilter f:
                w.Write((byte)DocumentKind.Filter);
                WriteInfo(w, f.Info);
                WriteLogSource(w, f.LogSource);
                WriteList(w, f.Rules);
                WriteDetection(w, f.Detection);
                break;
            default:
                throw new InvalidOperationException(d.GetType().Name);
        }
    }

    static SigmaDocument ReadDocument(BinaryReader r)
    {
        var kind = (DocumentKind)r.ReadByte();
        var info = ReadInfo(r);
        switch (kind)
        {
            case DocumentKind.Rule:
                return new SigmaRule(info, ReadLogSource(r), ReadLazy(r, ReadDetection));
            case DocumentKind.Correlation:
            {
                var type = (CorrelationType)r.ReadInt32();
                var rules = ReadList(r);
                var groupBy = ReadList(r);
                var timespan = TimeSpan.FromTicks(r.ReadInt64());
                var comparisons = new List<(ComparisonOperator, double)>();
                for (var n = Count(r); n > 0; n--) comparisons.Add(((ComparisonOperator)r.ReadInt32(), r.ReadDouble()));
                var fields = ReadList(r);
                var hasPercentile = r.ReadBoolean();
                var percentile = r.ReadDouble();
                var aliases = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
                for (var n = Count(r); n > 0; n--)
                {
                    var alias = r.ReadString();
                    var perRule = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var m = Count(r); m > 0; m--) perRule.Add(r.ReadString(), r.ReadString());
                    aliases.Add(alias, perRule);
                }
                var condition = new CorrelationCondition(comparisons, fields, hasPercentile ? percentile : null);
                return new SigmaCorrelation(info, type, rules, groupBy, timespan, condition, aliases, r.ReadBoolean());
            }
            case DocumentKind.Filter:
            {
                var logSource = ReadLogSource(r);
                var rules = ReadList(r);
                return new SigmaFilter(info, logSource, rules, ReadDetection(r));
            }
            default:
                throw new InvalidDataException("unknown document kind");
        }
    }

    static void WriteInfo(BinaryWriter w, SigmaRuleInfo i)
    {
        w.Write(i.Title);
        WriteNullable(w, i.Id);
        WriteNullable(w, i.Name);
        WriteNullable(w, i.Status);
        WriteNullable(w, i.Level);
        WriteList(w, i.Tags);
        w.Write(i.Path);
        w.Write(i.Line);
        // the notes a scan seldom reads, sized: decoded when first read
        WriteSized(w, i, static (w, i) =>
        {
            WriteNullable(w, i.Description);
            WriteNullable(w, i.Author);
            WriteNullable(w, i.Date);
            WriteList(w, i.References);
            WriteList(w, i.FalsePositives);
            WriteList(w, i.Fields);
        });
    }

    static SigmaRuleInfo ReadInfo(BinaryReader r) => new()
    {
        Title = r.ReadString(),
        Id = ReadNullable(r),
        Name = ReadNullable(r),
        Status = ReadNullable(r),
        Level = ReadNullable(r),
        Tags = ReadList(r),
        Path = r.ReadString(),
        Line = r.ReadInt32(),
        DecodeNotes = ReadLazy(r, static r => new SigmaRuleInfo.Notes(ReadNullable(r), ReadNullable(r), ReadNullable(r), ReadList(r), ReadList(r), ReadList(r))),
    };

    static void WriteLogSource(BinaryWriter w, LogSource l)
    {
        WriteNullable(w, l.Category);
        WriteNullable(w, l.Product);
        WriteNullable(w, l.Service);
    }

    static LogSource ReadLogSource(BinaryReader r) => new(ReadNullable(r), ReadNullable(r), ReadNullable(r));

    static void WriteDetection(BinaryWriter w, SigmaDetection d)
    {
        w.Write(d.Searches.Count);
        foreach (var (name, node) in d.Searches)
        {
            w.Write(name);
            WriteNode(w, node);
        }
        WriteList(w, d.Conditions);
        w.Write(d.ConditionLine);
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/> of a payload.</summary>
    delegate ReadOnlySpan<byte> PayloadBytes(long offset, int length);

    /// <summary>
    /// A reader of a payload that can open a block of it again later (<see cref="ReadLazy"/>): from an array or a mapped
    /// file. Strings are decoded straight from the payload's bytes, and short ones (tags, statuses, levels, log sources:
    /// a few hundred texts among 2,400 rules) are shared, not allocated again.
    /// </summary>
    sealed class PayloadReader(Stream payload, PayloadBytes bytes, Func<long, int, Stream> slice) : BinaryReader(payload, StrictUtf8)
    {
        const int SharedMaxBytes = 32;
        readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

        /// <summary>The <paramref name="length"/> bytes at <paramref name="offset"/> of the payload.</summary>
        public Stream Slice(long offset, int length) => slice(offset, length);

        public override string ReadString()
        {
            var length = Read7BitEncodedInt();
            var stream = BaseStream;
            var at = stream.Position;
            if (length < 0) throw new FormatException("parsed-rule cache: bad string length");
            if (at + length > stream.Length) throw new EndOfStreamException();
            var utf8 = bytes(at, length);
            stream.Position = at + length;
            if (length > SharedMaxBytes) return StrictUtf8.GetString(utf8);
            Span<char> chars = stackalloc char[SharedMaxBytes];
            var text = chars[..StrictUtf8.GetChars(utf8, chars)];
            var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var shared)) return shared;
            var s = text.ToString();
            _shared.Add(s, s);
            return s;
        }

        public static PayloadReader Of(byte[] payload) =>
            new(new MemoryStream(payload, writable: false), (offset, length) => payload.AsSpan(checked((int)offset), length),
                (offset, length) => new MemoryStream(payload, checked((int)offset), length, writable: false));

        /// <summary>A reader of the <paramref name="length"/> bytes at <paramref name="start"/> of a mapped file, which its blocks keep mapped.</summary>
        public static unsafe PayloadReader Of(Compilation.CacheMapping mapping, long start, int length)
        {
            _ = mapping.Bytes(start, length); // inside the file
            return new(new UnmanagedMemoryStream(mapping.Pointer + start, length), (offset, count) => mapping.Bytes(start + offset, count), (offset, count) =>
            {
                _ = mapping.Bytes(start + offset, count); // inside the file
                return new UnmanagedMemoryStream(mapping.Pointer + start + offset, count);
            });
        }
    }

    /// <summary>Writes <paramref name="value"/> after its length in bytes, so a reader can skip it (<see cref="ReadLazy"/>).</summary>
    static void WriteSized<T>(BinaryWriter w, T value, Action<BinaryWriter, T> write)
    {
        var block = new MemoryStream();
        using (var sized = new BinaryWriter(block, StrictUtf8, leaveOpen: true)) write(sized, value);
        w.Write((int)block.Length);
        w.Write(block.GetBuffer(), 0, (int)block.Length);
    }

    /// <summary>
    /// Skips a sized block (<see cref="WriteSized"/>) and returns what decodes it from the payload when first asked (the
    /// payload's checksum was checked before any of it was read).
    /// </summary>
    static Func<T> ReadLazy<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        var length = Count(r);
        var payload = r as PayloadReader ?? throw new InvalidOperationException("a payload reader is needed");
        var stream = r.BaseStream;
        var offset = stream.Position;
        if (offset + length > stream.Length) throw new EndOfStreamException();
        stream.Position += length;
        return () =>
        {
            try
            {
                using var d = new BinaryReader(payload.Slice(offset, length), StrictUtf8);
                var value = read(d);
                return d.BaseStream.Position == length ? value : throw new InvalidDataException("parsed-rule cache: bad sized block");
            }
            catch (Exception e) when (CacheEnvelope.IsDamage(e))
            {
                throw CacheEnvelope.Damaged("parsed-rule", e); // as for a matcher tree of the compiled-rule cache
            }
        };
    }

    static SigmaDetection ReadDetection(BinaryReader r)
    {
        var searches = new Dictionary<string, SearchNode>(StringComparer.Ordinal);
        for (var n = Count(r); n > 0; n--) searches.Add(r.ReadString(), ReadNode(r));
        return new SigmaDetection(searches, ReadList(r), r.ReadInt32());
    }

    static void WriteNode(BinaryWriter w, SearchNode node)
    {
        switch (node)
        {
            case SearchAll all:
                w.Write((byte)NodeKind.All);
                w.Write(all.Items.Count);
                foreach (var i in all.Items) WriteNode(w, i);
                break;
            case SearchAny any:
                w.Write((byte)NodeKind.Any);
                w.Write(any.Items.Count);
                foreach (var i in any.Items) WriteNode(w, i);
                break;
            case FieldItem f:
                w.Write((byte)NodeKind.Field);
                WriteNullable(w, f.Field);
                WriteList(w, f.Modifiers);
                WriteValues(w, f.Values);
                break;
            case KeywordItem k:
                w.Write((byte)NodeKind.Keyword);
                WriteValues(w, k.Values);
                break;
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
        w.Write(node.Line);
    }

    static SearchNode ReadNode(BinaryReader r)
    {
        switch ((NodeKind)r.ReadByte())
        {
            case NodeKind.All:
            {
                var items = new List<SearchNode>();
                for (var n = Count(r); n > 0; n--) items.Add(ReadNode(r));
                return new SearchAll(items, r.ReadInt32());
            }
            case NodeKind.Any:
            {
                var items = new List<SearchNode>();
                for (var n = Count(r); n > 0; n--) items.Add(ReadNode(r));
                return new SearchAny(items, r.ReadInt32());
            }
            case NodeKind.Field:
            {
                var field = ReadNullable(r);
                var modifiers = ReadList(r);
                return new FieldItem(field, modifiers, ReadValues(r), r.ReadInt32());
            }
            case NodeKind.Keyword:
            {
                var values = ReadValues(r);
                return new KeywordItem(values, r.ReadInt32());
            }
            default:
                throw new InvalidDataException("unknown search node kind");
        }
    }

    static void WriteValues(BinaryWriter w, IReadOnlyList<SigmaValue> values)
    {
        w.Write(values.Count);
        foreach (var v in values)
        {
            w.Write((byte)v.Kind);
            w.Write(v.Text);
        }
    }

    // an array, not a List: List<SigmaValue> has no precompiled code, and a cache hit would JIT it just for this
    static SigmaValue[] ReadValues(BinaryReader r)
    {
        var values = new SigmaValue[Count(r)];
        for (var i = 0; i < values.Length; i++)
        {
            var kind = (SigmaValueKind)r.ReadByte();
            values[i] = new SigmaValue(kind, r.ReadString());
        }
        return values;
    }

    static void WriteList(BinaryWriter w, IReadOnlyList<string> list)
    {
        w.Write(list.Count);
        foreach (var s in list) w.Write(s);
    }

    static List<string> ReadList(BinaryReader r)
    {
        var list = new List<string>();
        for (var n = Count(r); n > 0; n--) list.Add(r.ReadString());
        return list;
    }

    static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0 || n > 10_000_000) throw new InvalidDataException("bad count");
        return n;
    }
}
