using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class SortedOrderTests
{
    private static CompiledOrder Compile(OrderingSpec spec, long samplesNeeded = 0) =>
        OrderingCompiler.Compile(spec, OrderingFixture.Ids, OrderingFixture.Values, seed: 1, samplesNeeded);

    [Fact]
    public void Compile_SortsAscendingWithTiesById_WhenSortAsc()
    {
        var order = Compile(new OrderingSpec { Method = "sort_asc", Metric = "sentiment" });
        Assert.Equal([16, 11, 18, 13, 17, 10, 14, 15, 12, 19], order.SampleIds);
        Assert.Equal((10, 1, 0, 0), (order.EligibleCount, order.Epochs, order.ExcludedMissing, order.ExcludedByFilter));
    }

    [Fact]
    public void Compile_SortsDescendingWithTiesById_WhenSortDesc()
    {
        var order = Compile(new OrderingSpec { Method = "sort_desc", Metric = "sentiment" });
        Assert.Equal([19, 12, 15, 10, 14, 17, 13, 18, 11, 16], order.SampleIds);
    }

    [Fact]
    public void Compile_AlternatesHighAndLow_WhenInterleave()
    {
        // max 19, min 16, 2nd max 12, 2nd min 11, ...; the tie (10, 14 at 0.5) meets in the middle: 14 from the top, then 10.
        var order = Compile(new OrderingSpec { Method = "interleave", Metric = "sentiment" });
        Assert.Equal([19, 16, 12, 11, 15, 18, 14, 13, 10, 17], order.SampleIds);
    }

    [Fact]
    public void Compile_KeepsInclusiveRangeSorted_WhenSortedThreshold()
    {
        var order = Compile(new OrderingSpec { Method = "sorted_threshold", Metric = "sentiment", Min = 0.0, Max = 0.5, Order = "desc" });
        Assert.Equal([10, 14, 17, 13, 18], order.SampleIds);
        Assert.Equal((5, 5), (order.EligibleCount, order.ExcludedByFilter));
    }

    [Fact]
    public void Compile_KeepsSamplesAtOrAboveMinShuffled_WhenThreshold()
    {
        var order = Compile(new OrderingSpec { Method = "threshold", Metric = "sentiment", Min = 0.5 });
        Assert.Equal([10, 12, 14, 15, 19], order.SampleIds.Order());
        Assert.Equal(5, order.ExcludedByFilter);
    }

    [Fact]
    public void Compile_RepeatsTheSameOrderPerEpoch_WhenSortedAndLongerThanData()
    {
        var order = Compile(new OrderingSpec { Method = "sort_asc", Metric = "sentiment" }, samplesNeeded: 25);
        Assert.Equal(3, order.Epochs);
        Assert.Equal(30, order.Length);
        int[] epoch = [16, 11, 18, 13, 17, 10, 14, 15, 12, 19];
        Assert.Equal([.. epoch, .. epoch, .. epoch], order.SampleIds);
    }

    [Fact]
    public void Compile_ExcludesAndCountsMissingValues_WhenMetricHasNaN()
    {
        int[] ids = [.. OrderingFixture.Ids, 20, 21];
        double[] values = [.. OrderingFixture.Values, double.NaN, double.NaN];
        var order = OrderingCompiler.Compile(new OrderingSpec { Method = "sort_desc", Metric = "sentiment" }, ids, values, 1, 0);
        Assert.Equal([19, 12, 15, 10, 14, 17, 13, 18, 11, 16], order.SampleIds);
        Assert.Equal((10, 2), (order.EligibleCount, order.ExcludedMissing));
    }

    [Fact]
    public void Compile_ThrowsClearMessage_WhenThresholdKeepsNothing()
    {
        var spec = new OrderingSpec { Method = "threshold", Metric = "sentiment", Min = 0.99 };
        var error = Assert.Throws<OrderingException>(() => Compile(spec));
        Assert.Equal("threshold sentiment >= 0.99 keeps no samples of 10.", error.Message);
    }

    [Fact]
    public void Compile_ThrowsThousandsSeparatedCount_WhenManySamplesAndSomeMissing()
    {
        var ids = Enumerable.Range(0, 9_300).ToArray();
        var values = ids.Select(i => i < 9_000 ? 0.1 : double.NaN).ToArray();
        var spec = new OrderingSpec { Method = "threshold", Metric = "sentiment", Min = 0.9 };
        var error = Assert.Throws<OrderingException>(() => OrderingCompiler.Compile(spec, ids, values, 1, 0));
        Assert.Equal("threshold sentiment >= 0.9 keeps no samples of 9,000 (300 more have no sentiment value).", error.Message);
    }

    [Fact]
    public void Compile_ThrowsNotComputed_WhenModelMetricHasNoValues()
    {
        var spec = new OrderingSpec { Method = "sort_asc", Metric = "perplexity" };
        var error = Assert.Throws<OrderingException>(() => OrderingCompiler.Compile(spec, [1, 2, 3], [double.NaN, double.NaN, double.NaN], 1, 0));
        Assert.Contains("None of the 3 train samples has a perplexity value", error.Message);
        Assert.Contains("model-based", error.Message);
    }

    [Fact]
    public void Compile_Throws_WhenIdsRepeatOrValuesMisaligned()
    {
        var spec = new OrderingSpec { Method = "sort_asc", Metric = "sentiment" };
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => OrderingCompiler.Compile(spec, [1, 2, 1], [0, 0, 0], 1, 0)).Message);
        Assert.Throws<ArgumentException>(() => OrderingCompiler.Compile(spec, [1, 2, 3], [0, 0], 1, 0));
    }
}
