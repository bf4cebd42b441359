using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class DescriptiveStatisticsTests
{
    [Theory]
    // Type 7 on sorted [1, 2, 3, 4]: h = 3p; p = 0.25 → h = 0.75 → 1 + 0.75·(2 − 1) = 1.75; p = 0.5 → h = 1.5 → 2.5;
    // p = 0.9 → h = 2.7 → 3 + 0.7 = 3.7; p = 0 and 1 → the extremes (numpy.quantile gives the same).
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void QuantileOfSorted_MatchesType7(double p, double expected) =>
        Assert.Equal(expected, DescriptiveStatistics.QuantileOfSorted([1.0, 2.0, 3.0, 4.0], p), 12);

    [Fact]
    public void PooledStandardDeviation_WeightsByDegreesOfFreedom_WhenGroupsDiffer()
    {
        // [1, 3]: s² = 2 (1 df); [2, 4, 6]: s² = 4 (2 df) → √((1·2 + 2·4) / 3) = √(10/3).
        Assert.Equal(1.8257418583505538, DescriptiveStatistics.PooledStandardDeviation([1.0, 3.0], [2.0, 4.0, 6.0]), 12);
    }

    [Fact]
    public void PooledStandardDeviation_UsesOtherGroup_WhenOneGroupHasOneSeed()
    {
        // [5] adds no df; [1, 3]: s² = 2 with 1 df → √2.
        Assert.Equal(Math.Sqrt(2), DescriptiveStatistics.PooledStandardDeviation([5.0], [1.0, 3.0]), 12);
        Assert.True(double.IsNaN(DescriptiveStatistics.PooledStandardDeviation([5.0], [1.0])));
    }
}
