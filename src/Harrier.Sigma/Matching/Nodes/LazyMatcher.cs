namespace Harrier.Sigma.Matching.Nodes;

/// <summary>
/// A branch's matcher tree read from the compiled-rule cache when the branch is first evaluated: most branches never
/// are (their triggers find none of their needles, or no event of their log source occurs), and decoding the 2,400
/// trees of SigmaHQ's Windows rules at every run was a third of the compile step. Thread-safe; decodes once.
/// </summary>
internal sealed class LazyMatcher(Func<Matcher> decode) : Matcher
{
    readonly Lazy<Matcher> _inner = new(decode, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The tree (decoded now if it was not yet).</summary>
    public Matcher Inner => _inner.Value;

    /// <summary>Whether the tree has been decoded (tests).</summary>
    internal bool IsDecoded => _inner.IsValueCreated;

    public override bool Match(MatchScope scope) => _inner.Value.Match(scope);

    public override string ToString() => _inner.Value.ToString();
}
