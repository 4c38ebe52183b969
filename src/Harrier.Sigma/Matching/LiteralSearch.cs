namespace Harrier.Sigma.Matching;

/// <summary>One field's shared literal search: the automaton over every rule's contains-needles.</summary>
internal sealed record LiteralSearch(int FieldId, AhoCorasick Automaton, IReadOnlyList<string> Needles);
