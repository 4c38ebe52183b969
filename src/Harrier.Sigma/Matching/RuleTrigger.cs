namespace Harrier.Sigma.Matching;

/// <summary>
/// A necessary condition of one rule branch in terms of the shared literal searches: every clause names needles of
/// which at least one must occur in the event, or the branch cannot match. Most events find none of a process
/// creation rule's needles, so the rule is skipped after a few array reads instead of walking its matcher tree.
/// Built by <see cref="Compilation.RuleTriggers"/>; the branch's own matcher still decides.
/// </summary>
internal sealed class RuleTrigger(RuleTrigger.Clause[] clauses)
{
    /// <summary>Some needle of <see cref="Needles"/>[i] occurs in the search <see cref="Automata"/>[i], for some i.</summary>
    internal sealed record Clause(int[] Automata, NeedleSet[] Needles);

    public IReadOnlyList<Clause> Clauses => clauses;

    public bool Fires(MatchScope scope)
    {
        foreach (var c in clauses)
        {
            var any = false;
            for (var i = 0; i < c.Automata.Length && !any; i++)
                any = c.Needles[i].AnyFound(scope, c.Automata[i], scope.FoundLiterals(c.Automata[i]));
            if (!any) return false;
        }
        return true;
    }
}
