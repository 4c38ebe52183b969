using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Harrier.Evtx.Events;
using Harrier.Sigma.Loading;
using Harrier.Sigma.Matching;
using Harrier.Sigma.Matching.Nodes;
using Harrier.Sigma.Matching.Predicates;
using Harrier.Sigma.Model;
using Harrier.Sigma.Modifiers;

namespace Harrier.Sigma.Compilation;

// The binary form of the compiled products: every node and predicate with the arguments it was built from. Rules are
// referred to by their position in the rule set, fields by name (ids are numbered per process). Bump FormatVersion with
// any change.
internal static partial class CompiledRuleCache
{
    enum Node : byte { Exists, Field, FieldRef, Keyword, And, Or, Not, True, False, SharedLiteral }

    enum Predicate : byte { Exact, Prefix, Suffix, Contains, AnyValue, Glob, Regex, Numeric, TimePart, Cidr, Gated }

    sealed class Encoder(CacheWriter w, SigmaRuleSet ruleSet)
    {
        readonly Dictionary<SigmaRuleInfo, int> _ruleIndex = Positions(ruleSet);

        /// <summary>The field names written, in order of first appearance.</summary>
        readonly List<string> _names = [];
        readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        static Dictionary<SigmaRuleInfo, int> Positions(SigmaRuleSet ruleSet)
        {
            var positions = new Dictionary<SigmaRuleInfo, int>(ReferenceEqualityComparer.Instance);
            foreach (var rule in ruleSet.Rules) positions.Add(rule.Info, positions.Count);
            return positions;
        }

        int RuleIndex(SigmaRuleInfo info) => _ruleIndex.TryGetValue(info, out var i) ? i : throw new NotSupportedException("a document that is no rule of the set");

        public void Write(Products p)
        {
            var classes = p.Literals.Length > 0 ? p.Literals[0].Automaton.Classes : null;
            w.Bool(classes is not null);
            if (classes is not null)
            {
                w.Int(classes.Count);
                w.UShorts(classes.Map);
            }
            w.Int(p.Literals.Length);
            foreach (var l in p.Literals)
            {
                if (!ReferenceEquals(l.Automaton.Classes, classes)) throw new NotSupportedException("automata with different character classes");
                Field(l.FieldId);
                w.Int(l.Needles.Count);
                var sized = w.Length; // sized, so a reader can leave the texts for when they are first read (a scan never does)
                w.Int(0);
                foreach (var n in l.Needles) w.String(n);
                w.PatchInt(sized, w.Length - sized - 4);
                l.Automaton.Write(w);
            }
            Rules(p);
            // Every field name above, in the order a full decode meets them: the matcher trees are decoded when first
            // run, so the reader interns these right after the rules, before any tree, and every name keeps the spelling
            // it had (a field id takes the first spelling interned, which Details and the outputs show).
            w.Int(_names.Count);
            foreach (var n in _names) w.String(n);
            w.Int(p.Unused.Count);
            foreach (var u in p.Unused)
            {
                w.Int(RuleIndex(u.Info));
                w.Int(u.Line);
                w.Byte((byte)u.Kind);
                w.String(u.Reason);
            }
            var own = p.Diagnostics.Skip(ruleSet.Diagnostics.Count).ToList();
            w.Int(own.Count);
            foreach (var d in own)
            {
                w.String(d.File);
                w.Int(d.Line);
                w.String(d.RuleId);
                w.String(d.Reason);
                w.Byte((byte)d.Severity);
            }
        }

        void Rules(Products p)
        {
            w.Int(p.Rules.Count);
            for (var i = 0; i < p.Rules.Count; i++)
            {
                var r = p.Rules[i];
                w.Int(RuleIndex(r.Info));
                w.Bool(r.Generates);
                w.Int(r.AppliedFilters.Count);
                foreach (var f in r.AppliedFilters) w.String(f);
                w.Int(r.Branches.Count);
                for (var b = 0; b < r.Branches.Count; b++)
                {
                    var branch = r.Branches[b];
                    w.Bool(branch.Channels is not null);
                    if (branch.Channels is not null)
                    {
                        w.Int(branch.Channels.Count);
                        foreach (var c in branch.Channels) w.String(c);
                    }
                    w.Bool(branch.EventIds is not null);
                    if (branch.EventIds is not null) w.Ints([.. branch.EventIds]); // in the set's order
                    w.String(branch.Entry);
                    var sized = w.Length; // sized, so a reader can leave the tree for when the branch first runs
                    w.Int(0);
                    Matcher(branch.Matcher);
                    w.PatchInt(sized, w.Length - sized - 4);
                    Trigger(p.Triggers[i][b]);
                }
            }
        }

        void Field(int id)
        {
            var name = id == LiteralSharing.AllValues ? null : FieldNames.Name(id);
            if (name is not null && _seen.Add(name)) _names.Add(name);
            w.String(name);
        }

        void Trigger(RuleTrigger? t)
        {
            w.Bool(t is not null);
            if (t is null) return;
            w.Int(t.Clauses.Count);
            foreach (var c in t.Clauses)
            {
                w.Ints(c.Automata);
                foreach (var set in c.Needles) w.Ints(set.Ids);
            }
        }

        void Matcher(Matcher m)
        {
            switch (m)
            {
                case LazyMatcher lazy:
                    Matcher(lazy.Inner);
                    break;
                case ExistsMatcher e:
                    w.Byte((byte)Node.Exists);
                    Field(e.FieldId);
                    w.Bool(e.Exists);
                    break;
                case FieldMatcher f:
                    w.Byte((byte)Node.Field);
                    Field(f.FieldId);
                    Predicates(f.Predicates);
                    w.Bool(f.All);
                    break;
                case FieldRefMatcher f:
                    w.Byte((byte)Node.FieldRef);
                    Field(f.FieldId);
                    Field(f.OtherId);
                    w.Byte((byte)f.Mode);
                    w.Bool(f.Cased);
                    break;
                case KeywordMatcher k:
                    w.Byte((byte)Node.Keyword);
                    Predicates(k.Predicates);
                    w.Bool(k.All);
                    break;
                case AndMatcher a:
                    w.Byte((byte)Node.And);
                    Operands(a.Operands);
                    break;
                case OrMatcher o:
                    w.Byte((byte)Node.Or);
                    Operands(o.Operands);
                    break;
                case NotMatcher n:
                    w.Byte((byte)Node.Not);
                    Matcher(n.Operand);
                    break;
                case ConstMatcher c:
                    w.Byte((byte)(c.Value ? Node.True : Node.False));
                    break;
                case SharedLiteralMatcher s:
                    w.Byte((byte)Node.SharedLiteral);
                    w.Int(s.Automaton);
                    Field(s.FieldId);
                    w.Ints(s.Needles);
                    w.Bool(s.All);
                    break;
                default:
                    throw new NotSupportedException(m.GetType().Name);
            }
        }

        void Operands(Matcher[] operands)
        {
            w.Int(operands.Length);
            foreach (var o in operands) Matcher(o);
        }

        void Predicates(ValuePredicate[] predicates)
        {
            w.Int(predicates.Length);
            foreach (var p in predicates) Predicate(p);
        }

        void Predicate(ValuePredicate p)
        {
            switch (p)
            {
                case ExactPredicate e: Text(CompiledRuleCache.Predicate.Exact, e.Text, e.Cased); break;
                case PrefixPredicate e: Text(CompiledRuleCache.Predicate.Prefix, e.Text, e.Cased); break;
                case SuffixPredicate e: Text(CompiledRuleCache.Predicate.Suffix, e.Text, e.Cased); break;
                case ContainsPredicate e: Text(CompiledRuleCache.Predicate.Contains, e.Text, e.Cased); break;
                case AnyValuePredicate: w.Byte((byte)CompiledRuleCache.Predicate.AnyValue); break;
                case GlobPredicate g:
                    w.Byte((byte)CompiledRuleCache.Predicate.Glob);
                    w.Int(g.Pieces.Count);
                    foreach (var piece in g.Pieces)
                    {
                        w.Byte((byte)piece.Kind);
                        w.String(piece.Text);
                    }
                    w.Bool(g.Cased);
                    break;
                case RegexPredicate r:
                    w.Byte((byte)CompiledRuleCache.Predicate.Regex);
                    w.String(r.Pattern);
                    w.Int((int)r.Options);
                    break;
                case NumericPredicate n:
                    w.Byte((byte)CompiledRuleCache.Predicate.Numeric);
                    w.Byte((byte)n.Operator);
                    w.Double(n.Operand);
                    break;
                case TimePartPredicate t:
                    w.Byte((byte)CompiledRuleCache.Predicate.TimePart);
                    w.Byte((byte)t.Part);
                    w.Byte((byte)t.Operator);
                    w.Double(t.Operand);
                    break;
                case CidrPredicate c:
                    w.Byte((byte)CompiledRuleCache.Predicate.Cidr);
                    w.String(c.Network.ToString());
                    break;
                case GatedPredicate g:
                    w.Byte((byte)CompiledRuleCache.Predicate.Gated);
                    Predicate(g.Inner);
                    w.Int(g.Automaton);
                    Field(g.FieldId);
                    w.Ints(g.Needles);
                    break;
                default:
                    throw new NotSupportedException(p.GetType().Name);
            }
        }

        void Text(Predicate kind, string text, bool cased)
        {
            w.Byte((byte)kind);
            w.String(text);
            w.Bool(cased);
        }
    }

    /// <summary>
    /// The decoded products before they are joined to the rule set they were compiled from: rules are still positions in
    /// it (checked against it by <see cref="Join"/>), so the cache can be decoded while the rule set itself loads.
    /// </summary>
    internal sealed class Staged(CacheMapping? mapping, LiteralSearch[] literals, List<StagedRule> rules, List<StagedUnused> unused, List<SigmaDiagnostic> diagnostics)
    {
        // built on the thread that decodes: the index needs the branches and triggers, not the rule set
        readonly RuleIndex _index = IndexOf([.. rules.Select(r => (IReadOnlyList<CompiledBranch>)r.Branches)], [.. rules.Select(r => r.Triggers)]);

        /// <summary>The products of the rule set these were compiled from; throws <see cref="InvalidDataException"/> when a position lies outside it.</summary>
        public Products Join(SigmaRuleSet ruleSet)
        {
            var sources = ruleSet.Rules.ToList();
            SigmaRule Rule(int position) => position < sources.Count ? sources[position] : throw new InvalidDataException("compiled-rule cache: rule position");
            if (rules.Count > sources.Count) throw new InvalidDataException("compiled-rule cache: rule count");
            var compiled = new List<CompiledRule>(rules.Count);
            var triggers = new RuleTrigger?[rules.Count][];
            for (var i = 0; i < rules.Count; i++)
            {
                var s = rules[i];
                compiled.Add(new CompiledRule(i, Rule(s.Position), s.Branches) { AppliedFilters = s.Filters, Generates = s.Generates });
                triggers[i] = s.Triggers;
            }
            var unusedRules = new List<UnusedRule>(unused.Count);
            foreach (var u in unused) unusedRules.Add(new UnusedRule(Rule(u.Position).Info, u.Line, u.Kind, u.Reason));
            return new Products(compiled, unusedRules, [.. ruleSet.Diagnostics, .. diagnostics], literals, triggers) { Index = _index };
        }

        /// <summary>Unmaps the file: for products that are dropped before anything lasting was made of them.</summary>
        public void Release() => mapping?.Dispose();

        /// <summary>The shared literal searches (tests: a compile that takes these products searches with these).</summary>
        internal LiteralSearch[] Literals => literals;
    }

    internal sealed record StagedRule(int Position, bool Generates, string[] Filters, CompiledBranch[] Branches, RuleTrigger?[] Triggers);

    internal sealed record StagedUnused(int Position, int Line, UnusedReason Kind, string Reason);

    sealed class Decoder(CacheReader r, SigmaCompileOptions options)
    {
        const int MaxDepth = 256;
        const int Operators = (int)ComparisonOperator.Neq + 1;
        LiteralSearch[] _literals = [];

        long Position => r.Position;

        /// <summary>A decoder of the same payload at <paramref name="position"/>, sharing what this one has decoded.</summary>
        Decoder At(long position) => new(r.At(position), options) { _literals = _literals };

        /// <summary>The branch matcher of <paramref name="size"/> bytes at <paramref name="position"/>, decoded when first used.</summary>
        Matcher LazyMatcher(long position, int size) => new LazyMatcher(() =>
        {
            try
            {
                var d = At(position);
                var m = d.Matcher(0);
                return d.Position == position + size ? m : throw new InvalidDataException("compiled-rule cache: matcher size");
            }
            catch (Exception e) when (CacheEnvelope.IsDamage(e))
            {
                throw CacheEnvelope.Damaged("compiled-rule", e); // not an error of the input being scanned: the run stops
            }
        });

        /// <summary>Everything in the payload; rule positions are checked when the products are joined to their rule set.</summary>
        public Staged Read(CacheMapping? mapping)
        {
            const int MaxRules = 1 << 24;
            CharClasses? classes = null;
            if (r.Bool())
            {
                var count = r.Index(ushort.MaxValue);
                classes = CharClasses.FromMap(r.UShorts(), count);
            }
            _literals = new LiteralSearch[r.Count(1 << 16)];
            ushort[]? depths = null;
            for (var i = 0; i < _literals.Length; i++)
            {
                var field = Field();
                var count = r.Count(1 << 24);
                var size = r.Count();
                var at = r.Position;
                r.Skip(size);
                var needles = new LazyList<string>(count, () => Strings(at, size, count));
                var automaton = AhoCorasick.Read(r, classes ?? throw new InvalidDataException("compiled-rule cache: no character classes"), ref depths);
                if (automaton.NeedleCount != count) throw new InvalidDataException("compiled-rule cache: needle count");
                _literals[i] = new LiteralSearch(field, automaton, needles);
            }
            var rules = new List<StagedRule>();
            for (var i = r.Count(MaxRules); i > 0; i--)
            {
                var position = r.Index(MaxRules);
                var generates = r.Bool();
                var filters = new string[r.Count(1 << 16)];
                for (var f = 0; f < filters.Length; f++) filters[f] = r.String();
                var branches = new CompiledBranch[r.Count(1 << 16)];
                var triggers = new RuleTrigger?[branches.Length];
                for (var b = 0; b < branches.Length; b++)
                {
                    string[]? channels = null;
                    if (r.Bool())
                    {
                        channels = new string[r.Count(1 << 16)];
                        for (var c = 0; c < channels.Length; c++) channels[c] = r.String();
                    }
                    HashSet<int>? eventIds = r.Bool() ? [.. r.Ints()] : null; // inserted in the compiled set's order, so iterated alike
                    var entry = r.String();
                    var size = r.Count();
                    var at = r.Position;
                    r.Skip(size);
                    branches[b] = new CompiledBranch(channels, eventIds, LazyMatcher(at, size), entry);
                    triggers[b] = Trigger();
                }
                rules.Add(new StagedRule(position, generates, filters, branches, triggers));
            }
            for (var n = r.Count(1 << 20); n > 0; n--) FieldNames.Intern(r.String()); // before any tree is decoded, in order
            var unused = new List<StagedUnused>();
            for (var n = r.Count(MaxRules); n > 0; n--)
                unused.Add(new StagedUnused(r.Index(MaxRules), r.Int(), (UnusedReason)Kind(r.Byte(), (int)UnusedReason.Invalid + 1), r.String()));
            var diagnostics = new List<SigmaDiagnostic>();
            for (var n = r.Count(1 << 20); n > 0; n--)
                diagnostics.Add(new SigmaDiagnostic(r.String(), r.Int(), r.NullableString(), r.String(), (DiagnosticSeverity)Kind(r.Byte(), (int)DiagnosticSeverity.Error + 1)));
            return new Staged(mapping, _literals, rules, unused, diagnostics);
        }

        /// <summary>The <paramref name="count"/> strings in the <paramref name="size"/> bytes at <paramref name="position"/>.</summary>
        string[] Strings(long position, int size, int count)
        {
            try
            {
                var d = r.At(position);
                var strings = new string[count];
                for (var i = 0; i < count; i++) strings[i] = d.String();
                return d.Position == position + size ? strings : throw new InvalidDataException("compiled-rule cache: strings size");
            }
            catch (Exception e) when (CacheEnvelope.IsDamage(e))
            {
                throw CacheEnvelope.Damaged("compiled-rule", e); // as for a matcher tree
            }
        }

        /// <summary>An enum value read as a byte: below <paramref name="count"/> (the enums here are numbered from 0 without gaps).</summary>
        static int Kind(byte value, int count) => value < count ? value : throw new InvalidDataException("compiled-rule cache: bad enum value");

        int Field() => r.NullableString() is { } name ? FieldNames.Intern(name) : LiteralSharing.AllValues;

        int Automaton() => r.Index(_literals.Length - 1);

        int[] NeedleIds(int automaton)
        {
            var ids = r.Ints();
            return ids.AsSpan().IndexOfAnyExceptInRange(0, _literals[automaton].Automaton.NeedleCount - 1) < 0 ? ids
                : throw new InvalidDataException("compiled-rule cache: needle id");
        }

        RuleTrigger? Trigger()
        {
            if (!r.Bool()) return null;
            var clauses = new RuleTrigger.Clause[r.Count(1 << 16)];
            for (var c = 0; c < clauses.Length; c++)
            {
                var automata = r.Ints();
                foreach (var a in automata)
                    if ((uint)a >= (uint)_literals.Length) throw new InvalidDataException("compiled-rule cache: automaton");
                var sets = new NeedleSet[automata.Length];
                for (var a = 0; a < automata.Length; a++)
                    sets[a] = NeedleSet.OfAscending(NeedleIds(automata[a])) ?? throw new InvalidDataException("compiled-rule cache: needle set order"); // written in order
                clauses[c] = new RuleTrigger.Clause(automata, sets);
            }
            return new RuleTrigger(clauses);
        }

        Matcher Matcher(int depth)
        {
            if (depth > MaxDepth) throw new InvalidDataException("compiled-rule cache: nesting");
            switch ((Node)r.Byte())
            {
                case Node.Exists: return new ExistsMatcher(Field(), r.Bool());
                case Node.Field: return new FieldMatcher(Field(), Predicates(), r.Bool());
                case Node.FieldRef: return new FieldRefMatcher(Field(), Field(), (FieldRefMode)Kind(r.Byte(), (int)FieldRefMode.EndsWith + 1), r.Bool());
                case Node.Keyword: return new KeywordMatcher(Predicates(), r.Bool());
                case Node.And: return new AndMatcher(Operands(depth));
                case Node.Or: return new OrMatcher(Operands(depth));
                case Node.Not: return new NotMatcher(Matcher(depth + 1));
                case Node.True: return ConstMatcher.True;
                case Node.False: return ConstMatcher.False;
                case Node.SharedLiteral:
                {
                    var automaton = Automaton();
                    var field = Field();
                    return new SharedLiteralMatcher(automaton, field, NeedleIds(automaton), r.Bool());
                }
                default: throw new InvalidDataException("compiled-rule cache: bad node");
            }
        }

        Matcher[] Operands(int depth)
        {
            var operands = new Matcher[r.Count(1 << 20)];
            for (var i = 0; i < operands.Length; i++) operands[i] = Matcher(depth + 1);
            return operands;
        }

        ValuePredicate[] Predicates()
        {
            var predicates = new ValuePredicate[r.Count(1 << 20)];
            for (var i = 0; i < predicates.Length; i++) predicates[i] = Predicate(0);
            return predicates;
        }

        ValuePredicate Predicate(int depth)
        {
            if (depth > 1) throw new InvalidDataException("compiled-rule cache: nesting");
            switch ((Predicate)r.Byte())
            {
                case CompiledRuleCache.Predicate.Exact: return new ExactPredicate(r.String(), r.Bool());
                case CompiledRuleCache.Predicate.Prefix: return new PrefixPredicate(r.String(), r.Bool());
                case CompiledRuleCache.Predicate.Suffix: return new SuffixPredicate(r.String(), r.Bool());
                case CompiledRuleCache.Predicate.Contains: return new ContainsPredicate(r.String(), r.Bool());
                case CompiledRuleCache.Predicate.AnyValue: return AnyValuePredicate.Instance;
                case CompiledRuleCache.Predicate.Glob:
                {
                    var pieces = new SigmaPattern.Piece[r.Count(1 << 20)];
                    for (var i = 0; i < pieces.Length; i++) pieces[i] = new SigmaPattern.Piece((SigmaPattern.PieceKind)Kind(r.Byte(), (int)SigmaPattern.PieceKind.AnyChar + 1), r.String());
                    return new GlobPredicate(pieces, r.Bool());
                }
                case CompiledRuleCache.Predicate.Regex: return new RegexPredicate(r.String(), (RegexOptions)r.Int(), options.RegexTimeout);
                case CompiledRuleCache.Predicate.Numeric: return new NumericPredicate((ComparisonOperator)Kind(r.Byte(), Operators), r.Double());
                case CompiledRuleCache.Predicate.TimePart:
                    return new TimePartPredicate((TimePart)Kind(r.Byte(), (int)TimePart.Year + 1), (ComparisonOperator)Kind(r.Byte(), Operators), r.Double());
                case CompiledRuleCache.Predicate.Cidr: return new CidrPredicate(IPNetwork.Parse(r.String()));
                case CompiledRuleCache.Predicate.Gated:
                {
                    var inner = Predicate(depth + 1);
                    var automaton = Automaton();
                    return new GatedPredicate(inner, automaton, Field(), NeedleIds(automaton));
                }
                default: throw new InvalidDataException("compiled-rule cache: bad predicate");
            }
        }
    }
}
