using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class BootstrapConfidenceTests
{
    [Fact]
    public void Mean_CoversWholeSupport_WhenTwoValues()
    {
        // Resampling {0, 1} twice gives means 0, 0.5, 1 with probability ¼, ½, ¼. Of 10,000 draws about 2,500 are 0 and
        // 2,500 are 1; the 2.5% quantile (position h = 0.025·9999 ≈ 250) is therefore 0 and the 97.5% one is 1.
        var ci = BootstrapConfidence.Mean([0.0, 1.0]);
        Assert.True(ci.IsDefined);
        Assert.Equal(0.5, ci.Estimate);
        Assert.Equal(0.0, ci.Lower);
        Assert.Equal(1.0, ci.Upper);
        Assert.Equal(0.95, ci.Level);
        Assert.Equal(10_000, ci.Resamples);
    }

    [Fact]
    public void DifferenceOfMeans_ShiftsByBaseline_WhenBaselineIsConstant()
    {
        // Baseline {5, 5} always resamples to 5, so the differences are mean({0,1}*) − 5 ∈ {−5, −4.5, −4}: CI [−5, −4].
        var ci = BootstrapConfidence.DifferenceOfMeans([0.0, 1.0], [5.0, 5.0]);
        Assert.Equal(-4.5, ci.Estimate);
        Assert.Equal(-5.0, ci.Lower);
        Assert.Equal(-4.0, ci.Upper);
        Assert.False(ci.Contains(0));
    }

    [Fact]
    public void DifferenceOfMeans_IsPoint_WhenBothGroupsConstant()
    {
        var ci = BootstrapConfidence.DifferenceOfMeans([2.0, 2.0, 2.0], [1.0, 1.0]);
        Assert.Equal((1.0, 1.0, 1.0), (ci.Estimate, ci.Lower, ci.Upper));
    }

    [Fact]
    public void Mean_MatchesNormalApproximation_WhenManyValues()
    {
        // 1..100: mean 50.5; bootstrap SE = population sd / √n = √((100² − 1)/12) / 10 = 2.8866;
        // normal 95% CI ≈ 50.5 ± 1.96·2.8866 = [44.84, 56.16]. Percentile bounds agree to within Monte Carlo error.
        var ci = BootstrapConfidence.Mean(Enumerable.Range(1, 100).Select(i => (double)i).ToArray());
        Assert.Equal(50.5, ci.Estimate, 12);
        Assert.InRange(ci.Lower, 44.84 - 0.4, 44.84 + 0.4);
        Assert.InRange(ci.Upper, 56.16 - 0.4, 56.16 + 0.4);
    }

    [Fact]
    public void DifferenceOfMeans_IsUndefined_WhenAGroupHasOneSeed()
    {
        var ci = BootstrapConfidence.DifferenceOfMeans([3.0], [1.0, 2.0]);
        Assert.False(ci.IsDefined);
        Assert.Equal(1.5, ci.Estimate);
        Assert.True(double.IsNaN(ci.Lower) && double.IsNaN(ci.Upper));
        Assert.False(ci.Contains(1.5));
    }

    [Fact]
    public void Mean_IsUndefined_WhenNaNLeavesOneValue()
    {
        var ci = BootstrapConfidence.Mean([4.0, double.NaN]);
        Assert.False(ci.IsDefined);
        Assert.Equal(4.0, ci.Estimate);
    }

    [Fact]
    public void DifferenceOfMeans_Throws_WhenAGroupIsEmpty() =>
        Assert.Throws<ArgumentException>(() => BootstrapConfidence.DifferenceOfMeans([1.0, 2.0], [double.NaN]));

    [Fact]
    public void DifferenceOfMeans_IsReproducible_WhenSeedIsFixed()
    {
        // Twelve distinct values per group, so the resampled distribution is fine-grained and bounds move with the seed.
        var a = Enumerable.Range(1, 12).Select(i => Math.Sqrt(i)).ToArray();
        var b = Enumerable.Range(1, 12).Select(i => Math.Log(i + 1)).ToArray();
        var options = new BootstrapOptions { Resamples = 2_000, Seed = 7 };
        Assert.Equal(BootstrapConfidence.DifferenceOfMeans(a, b, options), BootstrapConfidence.DifferenceOfMeans(a, b, options));
        Assert.NotEqual(BootstrapConfidence.DifferenceOfMeans(a, b, options).Lower,
            BootstrapConfidence.DifferenceOfMeans(a, b, options with { Seed = 8 }).Lower);
    }

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(100, 1.0)]
    [InlineData(100, 0.0)]
    public void Mean_Throws_WhenOptionsInvalid(int resamples, double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BootstrapConfidence.Mean([1.0, 2.0], new BootstrapOptions { Resamples = resamples, Level = level }));
}
