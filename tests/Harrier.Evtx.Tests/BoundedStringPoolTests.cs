using Harrier.Evtx.Events;

namespace Harrier.Evtx.Tests;

public class BoundedStringPoolTests
{
    [Fact]
    public void A_repeated_value_is_one_string_and_the_pool_stops_growing_at_its_limit()
    {
        var pool = new BoundedStringPool(limit: 3);
        var a = pool.Get("host-a".AsSpan());
        Assert.Same(a, pool.Get("host-a".ToCharArray()));
        Assert.NotSame(a, pool.Get("HOST-A".AsSpan())); // ordinal
        pool.Get("b".AsSpan());
        var late = pool.Get("c".AsSpan()); // past the limit: a fresh string each time, still equal
        Assert.Equal(3, pool.Count);
        Assert.Equal("c", late);
        Assert.NotSame(late, pool.Get("c".AsSpan()));
        Assert.Same(a, pool.Get("host-a".AsSpan()));
    }
}
