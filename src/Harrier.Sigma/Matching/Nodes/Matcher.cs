namespace Harrier.Sigma.Matching.Nodes;

/// <summary>A compiled test of one event. The node kinds form a closed set of sealed classes.</summary>
internal abstract class Matcher
{
    public abstract bool Match(MatchScope scope);

    /// <summary>For diagnostics and tests: a readable rendering of the tree.</summary>
    public abstract override string ToString();
}
