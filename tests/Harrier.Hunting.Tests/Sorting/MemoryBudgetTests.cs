using Harrier.Hunting.Sorting;

namespace Harrier.Hunting.Tests.Sorting;

/// <summary>Sorters that share a budget spill when the workers together reach it, however the items were split.</summary>
public sealed class MemoryBudgetTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-budget").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Numbers, each counted as 100 bytes (plus the sorter's 32 per item).</summary>
    sealed class Codec : IRecordCodec<int>
    {
        public void Write(BinaryWriter writer, int item) => writer.Write(item);
        public int Read(BinaryReader reader) => reader.ReadInt32();
        public long EstimateSize(int item) => 100;
    }

    ExternalSorter<int> Sorter(MemoryBudget budget) => new(Comparer<int>.Default, new Codec(), budget, _dir);

    [Theory]
    [InlineData(50)]   // even split
    [InlineData(90)]   // one worker got most of the input
    [InlineData(100)]  // one worker got all of it
    public void Two_workers_under_the_budget_together_never_spill(int percentToFirst)
    {
        var budget = new MemoryBudget(100 * 132 + 1, holders: 2); // room for 100 items
        using var a = Sorter(budget);
        using var b = Sorter(budget);
        for (var i = 0; i < 100; i++) (i < percentToFirst ? a : b).Add(i);
        Assert.Equal(0, a.Runs + b.Runs);
        Assert.Equal(100 * 132, budget.Used);
        Assert.Equal(Enumerable.Range(0, 100), ExternalSorter<int>.Merge([a, b], Comparer<int>.Default));
    }

    [Fact]
    public void Past_the_budget_the_worker_holding_enough_spills_and_the_total_stays_bounded()
    {
        var budget = new MemoryBudget(100 * 132, holders: 2);
        using var a = Sorter(budget);
        using var b = Sorter(budget);
        for (var i = 0; i < 90; i++) a.Add(i);
        for (var i = 90; i < 110; i++) b.Add(i); // b reaches the total but holds less than its minimum: no spill
        Assert.Equal(0, b.Runs);
        a.Add(110); // a holds more than a quarter of the budget: spills, and gives its memory back
        Assert.Equal(1, a.Runs);
        Assert.Equal(20 * 132, budget.Used);
        for (var i = 111; i < 400; i++) (i % 2 == 0 ? a : b).Add(i);
        Assert.True(budget.Used < 150 * 132, $"{budget.Used} bytes held");
        Assert.Equal(Enumerable.Range(0, 400), ExternalSorter<int>.Merge([a, b], Comparer<int>.Default));
    }
}
