using Prebias.Core.Analysis.Inference;

namespace Prebias.Tests.Analysis;

/// <summary>
/// t-tests, permutation tests, TOST and the minimum detectable effect against SciPy 1.10.1 (Debian 12's python3-scipy):
/// <c>ttest_rel</c>, <c>ttest_ind(equal_var=False)</c> with <c>confidence_interval(0.95)</c>,
/// <c>permutation_test(n_resamples=np.inf)</c>, and <c>t.sf / t.cdf / t.ppf</c> for TOST and the MDE, computed once
/// and pasted here.
/// </summary>
public class HypothesisTestsTests
{
    private static readonly double[] A = [0.42, 0.51, 0.38, 0.47, 0.55];
    private static readonly double[] B = [0.40, 0.44, 0.37, 0.41, 0.49];
    private static double[] Differences => [.. A.Zip(B, (a, b) => a - b)];

    [Fact]
    public void PairedTTest_MatchesScipyTtestRel()
    {
        var r = PairedTTest.Compute(Differences);
        Assert.Equal(0.044, r.Estimate, 14);
        Assert.Equal(3.6414659098504174, r.Statistic, 11);
        Assert.Equal(0.02193620783250098, r.P, 12);
        Assert.Equal(0.010452086150733363, r.Lower, 11);
        Assert.Equal(0.07754791384926665, r.Upper, 11);
        Assert.Equal(4, r.Degrees);
    }

    [Fact]
    public void WelchTTest_MatchesScipyTtestInd_WhenGroupsDifferInSizeAndSpread()
    {
        var r = WelchTTest.Compute([1.2, 2.3, 1.9, 2.8, 2.1, 1.7], [2.9, 3.4, 2.2, 3.8]);
        Assert.Equal(-2.62045772958707, r.Statistic, 11);
        Assert.Equal(0.04337305328275653, r.P, 11);
        Assert.Equal(5.4425943790501625, r.Degrees, 11);
        // SciPy 1.10.1's t.ppf at this real df is off by ~2e-9 (its own t.sf at our quantile gives 0.025 to the last
        // bit, at its quantile 0.02500000018), so the interval is compared to 8 places.
        Assert.Equal(-2.1042605297022385, r.Lower, 8);
        Assert.Equal(-0.04573947029776204, r.Upper, 8);
    }

    [Fact]
    public void TTest_GivesPOneAndAPointInterval_WhenEveryDifferenceIsZero()
    {
        var r = PairedTTest.Compute([0.0, 0.0, 0.0]);
        Assert.Equal(1.0, r.P);
        Assert.Equal(0.0, r.Lower);
        Assert.Equal(0.0, r.Upper);
        Assert.Equal(0.0, PairedTTest.Compute([0.5, 0.5, 0.5]).P); // a constant shift: infinitely many SEs from 0
    }

    [Fact]
    public void SignFlip_MatchesScipy_AndCannotGoBelowTwoOverTwoToTheN()
    {
        // Every difference is positive, the most extreme of 32 sign patterns: p = 2/32 (scipy: 0.0625).
        Assert.Equal(0.0625, SignFlipTest.PValue(Differences), 15);
        // 12 differences, 4096 patterns: scipy permutation_test(..., permutation_type='samples') = 0.00732421875.
        Assert.Equal(0.00732421875, SignFlipTest.PValue([0.3, -0.1, 0.5, 0.2, 0.4, 0.1, 0.6, -0.2, 0.35, 0.25, 0.15, 0.45]), 15);
        Assert.Equal(1.0, SignFlipTest.PValue([0.0, 0.0, 0.0]));
    }

    [Fact]
    public void SignFlip_UsesSeededMonteCarlo_AboveSixteenPairs()
    {
        var d = Enumerable.Range(0, 20).Select(i => i % 3 == 0 ? -0.2 : 0.3 + 0.01 * i).ToArray();
        var p = SignFlipTest.PValue(d, seed: 7);
        Assert.Equal(p, SignFlipTest.PValue(d, seed: 7));
        // The exact p over all 2^20 patterns (numpy, once) is 0.012905120849609375; the Monte Carlo SE at 100,000 draws is 3.6e-4.
        Assert.Equal(0.012905120849609375, p, 0.0015);
    }

    [Fact]
    public void TwoSamplePermutation_MatchesScipy_WhenGroupsAreEqualSized()
    {
        // scipy permutation_test(..., permutation_type='independent', n_resamples=np.inf) = 0.05555555555555555 (14/252).
        Assert.Equal(14.0 / 252, TwoSamplePermutationTest.PValue([1.2, 2.3, 1.9, 2.8, 2.1], [2.9, 3.4, 2.2, 3.8, 2.6]), 15);
        // Unequal sizes, |mean difference| statistic, enumerated by hand (itertools.combinations): 7 of 210. SciPy's
        // two-sided value (2 × the smaller one-sided p, 0.0381) differs by definition when the null is asymmetric.
        Assert.Equal(7.0 / 210, TwoSamplePermutationTest.PValue([1.2, 2.3, 1.9, 2.8, 2.1, 1.7], [2.9, 3.4, 2.2, 3.8]), 15);
    }

    [Fact]
    public void Holm_StepsDown_AndKeepsTheOrderOfTheRawPValues()
    {
        // m = 5; sorted 0.005·5 = 0.025, 0.01·4 = 0.04, 0.03·3 = 0.09, 0.04·2 = 0.08 → raised to 0.09 by the running
        // maximum (monotonicity), 0.2·1 = 0.2. NaN is not a test (m stays 5) and stays NaN.
        var adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03, 0.005, double.NaN, 0.2]);
        Assert.Equal(0.04, adjusted[0], 14);
        Assert.Equal(0.09, adjusted[1], 14);
        Assert.Equal(0.09, adjusted[2], 14);
        Assert.Equal(0.025, adjusted[3], 14);
        Assert.True(double.IsNaN(adjusted[4]));
        Assert.Equal(0.2, adjusted[5], 14);
        Assert.Equal(1.0, HolmBonferroni.Adjust([0.6, 0.7])[0]); // capped at 1
    }

    [Fact]
    public void Tost_MatchesScipyOneSidedTails()
    {
        // Paired differences above, margin 0.05: max(t.sf((0.044 + 0.05)/se, 4), t.cdf((0.044 − 0.05)/se, 4)) = 0.3227735416228036
        var t = PairedTTest.Compute(Differences);
        Assert.Equal(0.012083045973594579, t.StandardError, 14);
        Assert.Equal(0.3227735416228036, EquivalenceTest.PValue(t.Estimate, t.StandardError, t.Degrees, 0.05), 11);
        Assert.True(EquivalenceTest.PValue(t.Estimate, t.StandardError, t.Degrees, 0.5) < 0.001);
        Assert.Equal(1.0, EquivalenceTest.PValue(0.0, 0.1, 4, 0.0)); // no margin, no equivalence
    }

    [Fact]
    public void Mde_IsTheSumOfTwoTQuantilesTimesTheStandardError()
    {
        // (t.ppf(0.975, 4) + t.ppf(0.8, 4)) · se = 0.044917632095068376 by SciPy, whose t.ppf(0.8, 4) is 4e-11 low
        // (the closed-form df = 4 CDF, ½ + t(t² + 6) / (2(t² + 4)^{3/2}), gives 0.8 at our 0.9409645772351791).
        Assert.Equal(0.044917632095068376, MinimumDetectableEffect.Compute(0.012083045973594579, 4), 1e-11);
    }
}
