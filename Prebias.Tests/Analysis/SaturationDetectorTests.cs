using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class SaturationDetectorTests
{
    private static readonly long[] Steps = [100, 200, 300, 400, 500];

    [Fact]
    public void Find_ReturnsFirstCheckpointInsideBand_WhenCurveSettles()
    {
        // final 1.0, band 5% → 0.05. From the end: 0.97 (off 0.03) in, 1.04 (0.04) in, 0.9 (0.1) out → index 2, step 300.
        var point = SaturationDetector.Find(Steps, [0.2, 0.9, 1.04, 0.97, 1.0]);
        Assert.NotNull(point);
        Assert.Equal(2, point.Index);
        Assert.Equal(300, point.Step);
        Assert.Equal(1.04, point.Value);
        Assert.Equal(1.0, point.FinalValue);
        Assert.Equal(0.05, point.Tolerance, 12);
    }

    [Fact]
    public void Find_StartsAfterLastExcursion_WhenCurveLeavesBandAndReturns()
    {
        // 1.0 at index 0 and 1 is in the band, but 0.5 at index 2 is not, so the curve only stays in from index 3.
        Assert.Equal(3, SaturationDetector.Find(Steps, [1.0, 1.0, 0.5, 1.0, 1.0])!.Index);
    }

    [Fact]
    public void Find_TreatsNaNAsOutside_WhenCheckpointMissing() =>
        Assert.Equal(3, SaturationDetector.Find(Steps, [1.0, 1.0, double.NaN, 1.0, 1.0])!.Index);

    [Fact]
    public void Find_ReturnsNull_WhenOnlyFinalPointQualifies() =>
        Assert.Null(SaturationDetector.Find([1, 2, 3, 4], [1.0, 2.0, 3.0, 4.0]));

    [Fact]
    public void Find_UsesAbsoluteFloor_WhenFinalValueIsZero()
    {
        // final 0: relative band 0; with absolute 0.02 the band is 0.02: −0.01 and 0.01 are in, 0.5 is out → index 1.
        long[] steps = [1, 2, 3, 4];
        double[] values = [0.5, 0.01, -0.01, 0.0];
        Assert.Null(SaturationDetector.Find(steps, values));
        var point = SaturationDetector.Find(steps, values, new SaturationOptions { AbsoluteTolerance = 0.02 });
        Assert.Equal(1, point!.Index);
        Assert.Equal(0.02, point.Tolerance);
    }

    [Fact]
    public void Find_UsesMagnitude_WhenFinalValueIsNegative()
    {
        // final −1.02: band 0.05·1.02 = 0.051; −1.0 is 0.02 away (in), −2 is 0.98 away (out) → index 1.
        Assert.Equal(1, SaturationDetector.Find([10, 20, 30], [-2.0, -1.0, -1.02])!.Index);
    }

    [Fact]
    public void Find_ReturnsNull_WhenSingleCheckpointOrFinalNaN()
    {
        Assert.Null(SaturationDetector.Find([10], [1.0]));
        Assert.Null(SaturationDetector.Find([10, 20], [1.0, double.NaN]));
    }

    [Fact]
    public void Find_Throws_WhenStepsNotIncreasingOrLengthsDiffer()
    {
        Assert.Throws<ArgumentException>(() => SaturationDetector.Find([10, 10], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => SaturationDetector.Find([10, 20], [1.0]));
    }
}
