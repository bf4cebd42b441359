using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class BranchOrderTests
{
    [Fact]
    public void Splice_KeepsParentPrefixThenTail_WhenFromFive()
    {
        var parent = new CompiledOrder([.. Enumerable.Range(0, 20)], 20, 1);
        var tail = new CompiledOrder([.. Enumerable.Range(100, 10)], 10, 1, excludedMissing: 3);
        var spliced = OrderingCompiler.Splice(parent, 5, tail);
        Assert.Equal([0, 1, 2, 3, 4, .. Enumerable.Range(100, 10)], spliced.SampleIds);
        Assert.Equal((5L, 3), (spliced.PrefixLength, spliced.ExcludedMissing));
        Assert.Equal(OrderHash.Compute(spliced.SampleIds), spliced.Hash);
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderingCompiler.Splice(parent, 21, tail));
    }

    [Fact]
    public void Continue_UsesNewOrderingAfterFromPosition_WhenParentShuffled()
    {
        var parent = OrderingCompiler.Compile(new OrderingSpec(), OrderingFixture.Ids, [], 4, 20);
        var sortAsc = new OrderingSpec { Method = "sort_asc", Metric = "sentiment" };
        var branch = OrderingCompiler.Continue(parent, 8, sortAsc, OrderingFixture.Ids, OrderingFixture.Values, 4, samplesNeeded: 20);
        int[] sorted = [16, 11, 18, 13, 17, 10, 14, 15, 12, 19];
        Assert.Equal([.. parent.SampleIds[..8], .. sorted, .. sorted], branch.SampleIds); // 12 more needed: 2 epochs of 10
    }

    [Fact]
    public void Filter_DropsFailingSamplesOnlyAfterFromPosition_AndRepeatsToLength()
    {
        // values: 1→5, 2→1, 3→2, 4→9, 5→NaN, 6→3; rule value >= 3 keeps {1, 4, 6}.
        var parent = new CompiledOrder([1, 2, 3, 4, 5, 6], 6, 1);
        var rule = new MetricFilter("sentiment", Min: 3);
        var branch = OrderingCompiler.Filter(parent, 2, rule, [1, 2, 3, 4, 5, 6], [5, 1, 2, 9, double.NaN, 3], samplesNeeded: 7);
        Assert.Equal([1, 2, 4, 6, 4, 6, 4, 6], branch.SampleIds); // prefix kept (2 fails, stays); tail [4, 6] x ceil(5 / 2)
        Assert.Equal((3, 3, 1, 2, 2L), (branch.EligibleCount, branch.Epochs, branch.ExcludedMissing, branch.ExcludedByFilter, branch.PrefixLength));
    }

    [Fact]
    public void Filter_Throws_WhenRuleKeepsNothingAfterFromPosition()
    {
        var parent = new CompiledOrder([1, 2, 3], 3, 1);
        var error = Assert.Throws<OrderingException>(() =>
            OrderingCompiler.Filter(parent, 1, new MetricFilter("sentiment", Max: -0.5), [1, 2, 3], [-0.9, 0, 0.1], 3));
        Assert.Equal("filter sentiment <= -0.5 keeps none of the 2 remaining positions of the parent order.", error.Message);
    }
}
