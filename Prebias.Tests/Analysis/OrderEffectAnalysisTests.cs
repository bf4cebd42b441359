using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class OrderEffectAnalysisTests
{
    private static SeedValue[] Seeds(params double[] values) => [.. values.Select((v, i) => new SeedValue(i + 1, v))];

    [Fact]
    public void Compare_PairsBySharedInitSeed_AndReportsTheBasis()
    {
        // Differences 0.02, 0.07, 0.01, 0.06, 0.06 (the scipy ttest_rel case of HypothesisTestsTests): mean 0.044.
        var e = OrderEffectAnalysis.Compare(Seeds(0.42, 0.51, 0.38, 0.47, 0.55), Seeds(0.40, 0.44, 0.37, 0.41, 0.49));
        Assert.Equal(OrderEffect.Paired, e.Design);
        Assert.Equal(5, e.OrderingSeeds);
        Assert.Equal(5, e.BaselineSeeds);
        Assert.Equal(0.044, e.Difference, 14);
        Assert.Equal(0.02193620783250098, e.P!.Value, 12);
        Assert.Equal(0.0625, e.PermutationP!.Value, 15);
        Assert.Equal(0.010452086150733363, e.CiLower!.Value, 11);
        // Seed SD √((s_o² + s_b²)/2): s_o² = 0.01852/4 = 0.00463, s_b² = 0.00828/4 = 0.00207 → √0.00335.
        Assert.Equal(Math.Sqrt(0.00335), e.SeedSd!.Value, 12);
        Assert.Equal(0.044 / Math.Sqrt(0.00335), e.EffectSize!.Value, 11);
        Assert.Equal(e.CiUpper!.Value / e.SeedSd.Value, e.EffectSizeUpper!.Value, 12);
        Assert.Equal(4, e.DegreesOfFreedom);
        Assert.Equal(1.0, e.EquivalenceMargin);
        Assert.NotNull(e.Mde);
    }

    [Fact]
    public void Compare_UsesOnlySharedSeeds_WhenGroupsOverlapPartly()
    {
        var e = OrderEffectAnalysis.Compare(
            [new(1, 1.0), new(2, 2.0), new(3, 3.0), new(9, 100.0)], [new(1, 0.5), new(2, 1.0), new(3, 2.5), new(7, -100.0)]);
        Assert.Equal(OrderEffect.Paired, e.Design);
        Assert.Equal(3, e.OrderingSeeds);
        Assert.Equal((0.5 + 1.0 + 0.5) / 3, e.Difference, 14);
    }

    [Fact]
    public void Compare_AveragesOrderSeedsOfOneInitSeed_SoNCountsInitSeeds()
    {
        // Init seed 1 twice (two order seeds): 1 and 3 → 2.
        var e = OrderEffectAnalysis.Compare([new(1, 1.0), new(1, 3.0), new(2, 4.0), new(3, 5.0)], [new(1, 1.0), new(2, 3.0), new(3, 4.0)]);
        Assert.Equal(3, e.OrderingSeeds);
        Assert.Equal(((2 - 1) + (4 - 3) + (5 - 4)) / 3.0, e.Difference, 14);
    }

    [Fact]
    public void Compare_UsesWelch_WhenNoInitSeedIsShared()
    {
        var e = OrderEffectAnalysis.Compare(
            [new(1, 1.2), new(2, 2.3), new(3, 1.9), new(4, 2.8), new(5, 2.1), new(6, 1.7)], [new(11, 2.9), new(12, 3.4), new(13, 2.2), new(14, 3.8)]);
        Assert.Equal(OrderEffect.Unpaired, e.Design);
        Assert.Equal(6, e.OrderingSeeds);
        Assert.Equal(4, e.BaselineSeeds);
        Assert.Equal(0.04337305328275653, e.P!.Value, 11);       // scipy ttest_ind(equal_var=False)
        Assert.Equal(7.0 / 210, e.PermutationP!.Value, 15);
        Assert.Equal(5.4425943790501625, e.DegreesOfFreedom!.Value, 11);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Decide_SaysOnlyInconclusive_WhenFewerThanThreeSeeds(int n)
    {
        // Even a huge, consistent shift gets no verdict from one or two seeds.
        var ordering = Seeds([.. Enumerable.Range(0, n).Select(i => 100.0 + i)]);
        var baseline = Seeds([.. Enumerable.Range(0, n).Select(i => 0.0 + 1.1 * i)]);
        var e = OrderEffectAnalysis.Decide([OrderEffectAnalysis.Compare(ordering, baseline)]).Single();
        Assert.Equal(OrderEffectVerdict.TooFewSeeds, e.Verdict);
        Assert.Equal("inconclusive: n < 3", e.VerdictText);
        // Two pairs still give a t-test (df 1) and a place in the Holm family, shown but never turned into a verdict.
        Assert.Equal(n == 2, e.AdjustedP is not null);
        Assert.Equal(n == 2, e.CiLower is not null);
    }

    [Fact]
    public void Decide_SaysEffect_WhenTheAdjustedPIsSmall_AndHolmSpansEveryRow()
    {
        var strong = OrderEffectAnalysis.Compare(Seeds(2.0, 3.1, 3.9, 5.2, 6.0), Seeds(1.0, 2.0, 3.0, 4.0, 5.0)); // d ≈ 1.04 ± 0.07
        var weak = OrderEffectAnalysis.Compare(Seeds(1.5, 2.1, 2.6, 4.4, 5.2), Seeds(1.0, 2.0, 3.0, 4.0, 5.0));
        var decided = OrderEffectAnalysis.Decide([strong, weak]);
        Assert.Equal(OrderEffectVerdict.Effect, decided[0].Verdict);
        Assert.Equal("effect", decided[0].VerdictText);
        Assert.Equal(Math.Min(1, Math.Max(2 * strong.P!.Value, 0)), decided[0].AdjustedP!.Value, 14); // smallest of 2: × 2
        Assert.Equal(Math.Max(decided[0].AdjustedP!.Value, weak.P!.Value), decided[1].AdjustedP!.Value, 14);
        Assert.NotEqual(OrderEffectVerdict.Effect, decided[1].Verdict);
    }

    [Fact]
    public void Decide_SaysEquivalent_OnlyWhenTostPasses()
    {
        // Init seeds dominate the spread (seed SD ≈ 1.6) while the paired differences are tiny: TOST at ±1 SD passes.
        var tight = OrderEffectAnalysis.Compare(Seeds(1.01, 2.0, 2.99, 4.02, 5.0, 0.5), Seeds(1.0, 2.01, 3.0, 4.0, 4.99, 0.51));
        // Same means, but independent noise as large as the seed SD: nothing can be shown.
        var loose = OrderEffectAnalysis.Compare(Seeds(1.0, 2.0, 3.0), Seeds(3.0, 1.0, 2.0));
        var decided = OrderEffectAnalysis.Decide([tight, loose]);
        Assert.True(decided[0].Equivalent);
        Assert.Equal(OrderEffectVerdict.Equivalent, decided[0].Verdict);
        Assert.True(decided[0].EquivalenceP < 0.05);
        Assert.False(decided[1].Equivalent);
        Assert.Equal(OrderEffectVerdict.Inconclusive, decided[1].Verdict);
        Assert.Equal("inconclusive", decided[1].VerdictText);
    }

    [Fact]
    public void Compare_GivesNoEffectSize_WhenEveryRunIsIdentical()
    {
        var e = OrderEffectAnalysis.Decide([OrderEffectAnalysis.Compare(Seeds(1.0, 1.0, 1.0), Seeds(1.0, 1.0, 1.0))]).Single();
        Assert.Equal(0.0, e.Difference);
        Assert.Null(e.EffectSize);       // 0 / 0 seed SD
        Assert.False(e.Equivalent);      // a margin of 0 seed SDs cannot be passed
        Assert.Equal(OrderEffectVerdict.Inconclusive, e.Verdict);
    }

    [Fact]
    public void Compare_Throws_WhenAGroupHasNoValue() =>
        Assert.Throws<ArgumentException>(() => OrderEffectAnalysis.Compare([new(1, double.NaN)], Seeds(1.0, 2.0)));
}
