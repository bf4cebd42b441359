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
    public void Quantile_MatchesType7_WhenValuesUnsorted(double p, double expected) =>
        Assert.Equal(expected, DescriptiveStatistics.Quantile([4.0, 2.0, 1.0, 3.0], p), 12);

    [Fact]
    public void Summarize_SkipsNaN_WhenValuesHaveMissing()
    {
        // Finite values 4, 1, 3, 2: mean 2.5; squared deviations 2.25 + 2.25 + 0.25 + 0.25 = 5, / (4 − 1) → std √(5/3).
        var s = DescriptiveStatistics.Summarize([4.0, double.NaN, 1.0, 3.0, 2.0]);
        Assert.Equal(4, s.Count);
        Assert.Equal(1, s.MissingCount);
        Assert.Equal(2.5, s.Mean, 12);
        Assert.Equal(1.2909944487358056, s.StandardDeviation, 12);
        Assert.Equal(1.0, s.Min);
        Assert.Equal(1.75, s.Q25, 12);
        Assert.Equal(2.5, s.Median, 12);
        Assert.Equal(3.25, s.Q75, 12);
        Assert.Equal(4.0, s.Max);
    }

    [Fact]
    public void Summarize_GivesNaNStd_WhenOneValue()
    {
        var s = DescriptiveStatistics.Summarize([7.0]);
        Assert.Equal(7.0, s.Mean);
        Assert.True(double.IsNaN(s.StandardDeviation));
        Assert.Equal(7.0, s.Median);
    }

    [Fact]
    public void Summarize_IsAllNaN_WhenNoFiniteValue()
    {
        var s = DescriptiveStatistics.Summarize([double.NaN]);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Mean) && double.IsNaN(s.Min) && double.IsNaN(s.Max));
    }

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
