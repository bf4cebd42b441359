using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class MinMaxNormalizationTests
{
    [Fact]
    public void Normalize_MapsToUnitRangeAndKeepsNaN_WhenSeriesHasMissing()
    {
        // min 2, max 6: (2 − 2)/4 = 0, (4 − 2)/4 = 0.5, (6 − 2)/4 = 1.
        Assert.Equal([0.0, double.NaN, 0.5, 1.0], MinMaxNormalization.Normalize([2.0, double.NaN, 4.0, 6.0]));
    }

    [Fact]
    public void Normalize_GivesZeros_WhenSeriesIsConstant() =>
        Assert.Equal([0.0, 0.0], MinMaxNormalization.Normalize([3.0, 3.0]));

    [Fact]
    public void NormalizeColumns_ScalesEachMetricAlone_WhenColumnsHaveDifferentRanges()
    {
        // 3 checkpoints × 2 metrics: column 0 = 1, 2, 3 → 0, 0.5, 1; column 1 = 10, 30, 20 → 0, 1, 0.5.
        var result = MinMaxNormalization.NormalizeColumns([1.0, 10.0, 2.0, 30.0, 3.0, 20.0], columns: 2);
        Assert.Equal([0.0, 0.0, 0.5, 1.0, 1.0, 0.5], result);
    }

    [Fact]
    public void NormalizeColumns_Throws_WhenLengthIsNotMultipleOfColumns() =>
        Assert.Throws<ArgumentException>(() => MinMaxNormalization.NormalizeColumns([1.0, 2.0, 3.0], columns: 2));
}
