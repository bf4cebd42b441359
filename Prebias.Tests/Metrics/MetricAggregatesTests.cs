using Prebias.Core.Metrics;

namespace Prebias.Tests.Metrics;

public class MetricAggregatesTests
{
    // Row-major 3 × 2: rows (1, NaN), (3, 4), (5, 8).
    private static readonly double[] Matrix = [1, double.NaN, 3, 4, 5, 8];

    [Fact]
    public void Mean_SkipsNaN_WhenAllRows()
    {
        // column 0: (1 + 3 + 5) / 3 = 3; column 1: (4 + 8) / 2 = 6 (NaN skipped)
        Assert.Equal([3.0, 6.0], MetricAggregates.Mean(Matrix, columns: 2));
    }

    [Fact]
    public void Mean_UsesOnlyListedRows_WhenSubset()
    {
        // rows 0 and 2: column 0 (1 + 5) / 2 = 3; column 1 only 8
        Assert.Equal([3.0, 8.0], MetricAggregates.Mean(Matrix, 2, [0, 2]));
        // row 0 only: column 1 has no finite value → NaN
        var single = MetricAggregates.Mean(Matrix, 2, [0]);
        Assert.Equal(1.0, single[0]);
        Assert.True(double.IsNaN(single[1]));
    }

    [Fact]
    public void Accumulator_MergesAndResets_WhenPerThreadParts()
    {
        var (a, b) = (new MetricMeanAccumulator(2), new MetricMeanAccumulator(2));
        a.Add([1, double.NaN]);
        b.Add([3, 4]);
        b.Add([5, 8]);
        a.Add(b);
        Assert.Equal(3, a.Rows);
        Assert.Equal(2, a.Count(1));
        Assert.Equal([3.0, 6.0], a.Means());
        a.Reset();
        Assert.True(double.IsNaN(a.Means()[0]));
        Assert.Throws<ArgumentException>(() => a.Add([1.0]));
    }
}
