using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class OrderEffectAnalysisTests
{
    [Fact]
    public void Compare_ExceedsSeedNoise_WhenEffectLargerThanSpread()
    {
        // Ordering [3, 5] (mean 4, s² 2), baseline [1, 3] (mean 2, s² 2): difference 2, pooled std √((2 + 2)/2) = √2,
        // ratio 2/√2 = √2 ≥ 1.
        var effect = OrderEffectAnalysis.Compare([3.0, 5.0], [1.0, 3.0]);
        Assert.Equal(4.0, effect.OrderingMean);
        Assert.Equal(2.0, effect.BaselineMean);
        Assert.Equal(2.0, effect.Difference);
        Assert.Equal(Math.Sqrt(2), effect.SeedSpread, 12);
        Assert.Equal(Math.Sqrt(2), effect.Ratio, 12);
        Assert.Equal(OrderEffectVerdict.ExceedsSeedNoise, effect.Verdict);
        Assert.Equal("order effect exceeds seed noise", effect.VerdictText);
    }

    [Fact]
    public void Compare_SmallerThanSeedNoise_WhenRatioBelowOneAndCiIncludesZero()
    {
        // Ordering [1, 3, 5] (mean 3, s² 4), baseline [2, 4, 6] (mean 4, s² 4): difference −1, pooled std
        // √((2·4 + 2·4)/4) = 2, ratio 0.5. Resampled means span 1..5 and 2..6, so the CI straddles 0.
        var effect = OrderEffectAnalysis.Compare([1.0, 3.0, 5.0], [2.0, 4.0, 6.0]);
        Assert.Equal(-1.0, effect.Difference);
        Assert.Equal(2.0, effect.SeedSpread, 12);
        Assert.Equal(0.5, effect.Ratio, 12);
        Assert.True(effect.Interval.Contains(0));
        Assert.Equal(OrderEffectVerdict.SmallerThanSeedNoise, effect.Verdict);
        Assert.Equal("order effect smaller than seed noise", effect.VerdictText);
    }

    [Fact]
    public void Compare_ExceedsSeedNoise_WhenRatioBelowOneButCiExcludesZero()
    {
        // 100 seeds each: baseline 0..99 (sd 29.01), ordering = baseline + 20. Ratio 20/29.01 ≈ 0.69 < 1, but the SE of
        // the difference is √(2·833.25/100) ≈ 4.08, so the 95% CI ≈ [12, 28] excludes 0: a consistent shift, not noise.
        var baseline = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var ordering = baseline.Select(v => v + 20).ToArray();
        var effect = OrderEffectAnalysis.Compare(ordering, baseline);
        Assert.Equal(20.0 / Math.Sqrt(10100.0 / 12), effect.Ratio, 9);
        Assert.False(effect.Interval.Contains(0));
        Assert.Equal(OrderEffectVerdict.ExceedsSeedNoise, effect.Verdict);
    }

    [Fact]
    public void Compare_IsUndetermined_WhenOneSeedEach()
    {
        var effect = OrderEffectAnalysis.Compare([1.0], [2.0]);
        Assert.Equal(-1.0, effect.Difference);
        Assert.True(double.IsNaN(effect.SeedSpread) && double.IsNaN(effect.Ratio));
        Assert.False(effect.Interval.IsDefined);
        Assert.Equal(OrderEffectVerdict.Undetermined, effect.Verdict);
    }

    [Theory]
    // One ordering seed vs baseline [1, 2, 3] (s² 1, 2 df): spread √((0 + 2·1)/2) = 1, CI undefined → ratio decides.
    [InlineData(10.0, 8.0, OrderEffectVerdict.ExceedsSeedNoise)]
    [InlineData(2.5, 0.5, OrderEffectVerdict.SmallerThanSeedNoise)]
    public void Compare_UsesRatioAlone_WhenCiUndefined(double single, double ratio, OrderEffectVerdict verdict)
    {
        var effect = OrderEffectAnalysis.Compare([single], [1.0, 2.0, 3.0]);
        Assert.Equal(1.0, effect.SeedSpread, 12);
        Assert.Equal(ratio, effect.Ratio, 12);
        Assert.Equal(verdict, effect.Verdict);
    }

    [Fact]
    public void Compare_RatioZeroOrInfinite_WhenSeedsIdentical()
    {
        Assert.Equal(0.0, OrderEffectAnalysis.Compare([1.0, 1.0], [1.0, 1.0]).Ratio);
        var effect = OrderEffectAnalysis.Compare([2.0, 2.0], [1.0, 1.0]);
        Assert.Equal(double.PositiveInfinity, effect.Ratio);
        Assert.Equal(OrderEffectVerdict.ExceedsSeedNoise, effect.Verdict);
    }
}
