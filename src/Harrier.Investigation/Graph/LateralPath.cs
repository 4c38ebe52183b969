namespace Harrier.Investigation.Graph;

/// <summary>Host A → B → C …: successful authentications chained in time order (each hop at or after the previous).</summary>
public sealed record LateralPath(IReadOnlyList<PathHop> Hops)
{
    public long Start => Hops[0].Time;
    public long End => Hops[^1].Time;
}
