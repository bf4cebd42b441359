using Prebias.Core.Analysis.Inference;

namespace Prebias.Tests.Analysis;

/// <summary>
/// The t distribution against SciPy 1.10.1 (Debian 12's python3-scipy), values computed once with
/// <c>scipy.stats.t.cdf / t.ppf / t.sf</c>, <c>scipy.special.betainc</c> and <c>gammaln</c> and pasted here, so the
/// tests need no Python.
/// </summary>
public class StudentTTests
{
    [Theory]
    [InlineData(2.0, 4, 0.9419417382415922)]
    [InlineData(-1.5, 2.5, 0.12391822654314802)]
    [InlineData(0.3, 30, 0.6168769473578236)]
    [InlineData(5.0, 1, 0.9371670418109989)]
    public void Cdf_MatchesScipy_WhenDegreesAreIntegerOrReal(double t, double degrees, double scipy) =>
        Assert.Equal(scipy, StudentT.Cdf(t, degrees), 13);

    [Theory]
    [InlineData(0.975, 4, 2.7764451051977987)]
    [InlineData(0.975, 1, 12.706204736432095)]
    [InlineData(0.8, 4, 0.94096457719753)]
    [InlineData(0.95, 7.3, 1.8829300179371542)]
    [InlineData(0.999, 3, 10.214531852405331)]
    [InlineData(0.025, 10, -2.2281388519649385)]
    public void Quantile_MatchesScipy_WhenTailIsNearOrFar(double p, double degrees, double scipy) =>
        // SciPy 1.10.1's t.ppf is itself only good to ~1e-10 relative here (see the exact cases below).
        Assert.Equal(scipy, StudentT.Quantile(p, degrees), 1e-9 * Math.Abs(scipy));

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.975)]
    [InlineData(0.999)]
    public void Quantile_InvertsTheClosedFormCdf_WhenDegreesAreFour(double p)
    {
        // ν = 4: F(t) = ½ + t(t² + 6) / (2 (t² + 4)^{3/2}).
        var t = StudentT.Quantile(p, 4);
        Assert.Equal(p, 0.5 + t * (t * t + 6) / (2 * Math.Pow(t * t + 4, 1.5)), 14);
    }

    [Fact]
    public void Quantile_IsExact_WhenDegreesAreOne()
    {
        // ν = 1 is the Cauchy distribution: t_p = tan(π (p − ½)).
        foreach (var p in new[] { 0.6, 0.9, 0.975, 0.999 })
            Assert.Equal(Math.Tan(Math.PI * (p - 0.5)), StudentT.Quantile(p, 1), 1e-11 * Math.Tan(Math.PI * (p - 0.5)));
    }

    [Fact]
    public void UpperTail_KeepsRelativeAccuracy_WhenTailIsSmall() =>
        // scipy.stats.t.sf(12.0, 4) = 0.0001382142742514865
        Assert.Equal(0.0001382142742514865, StudentT.UpperTail(12.0, 4), 1e-12 * 0.0001382142742514865 * 1e4);

    [Fact]
    public void TwoSidedP_IsTwiceTheTail_AndOneAtZero()
    {
        Assert.Equal(2 * StudentT.UpperTail(2.5, 6), StudentT.TwoSidedP(2.5, 6), 14);
        Assert.Equal(1.0, StudentT.TwoSidedP(0, 6), 14);
        Assert.Equal(0.0, StudentT.TwoSidedP(double.PositiveInfinity, 6));
    }

    [Fact]
    public void Quantile_InvertsCdf_WhenProbabilityIsExtreme()
    {
        foreach (var degrees in new[] { 1.0, 2.0, 4.5, 100 })
            foreach (var p in new[] { 1e-9, 0.01, 0.3, 0.7, 0.99, 1 - 1e-9 })
                Assert.Equal(p, StudentT.Cdf(StudentT.Quantile(p, degrees), degrees), 1e-9 * Math.Max(p, 1e-6));
    }

    [Fact]
    public void SpecialFunctions_MatchScipy()
    {
        Assert.Equal(0.0889437231706656, SpecialFunctions.RegularizedIncompleteBeta(0.3, 2.5, 1.5), 14);  // betainc(2.5, 1.5, 0.3)
        Assert.Equal(0.4713699354850156, SpecialFunctions.RegularizedIncompleteBeta(0.01, 0.5, 20), 13);  // betainc(0.5, 20, 0.01)
        Assert.Equal(1.0957979948180756, SpecialFunctions.LogGamma(0.3), 13);                            // gammaln(0.3)
        Assert.Equal(146.51925549072064, SpecialFunctions.LogGamma(50.5), 11);                           // gammaln(50.5)
    }

    [Fact]
    public void Quantile_Throws_WhenArgumentsAreOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1.0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.5, 0));
    }
}
