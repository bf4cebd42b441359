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
}
