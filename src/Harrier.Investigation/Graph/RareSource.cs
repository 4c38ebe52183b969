namespace Harrier.Investigation.Graph;

/// <summary>A source an account seldom logs on from: <paramref name="Count"/> of its <paramref name="AccountTotal"/> successful logons.</summary>
public sealed record RareSource(string AccountId, string SourceId, long Count, long AccountTotal, long First, long Last);
