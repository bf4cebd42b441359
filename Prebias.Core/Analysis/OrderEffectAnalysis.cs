namespace Prebias.Core.Analysis;

/// <summary>
/// Order effect against seed noise, the durability experiment's headline number (issue 7, "Comparison").
/// <para>Definitions, with NaN seed values dropped:
/// effect = |mean(ordering) − mean(baseline)|;
/// seed spread = pooled sample std sqrt(((n1 − 1) s1² + (n2 − 1) s2²) / (n1 + n2 − 2)) (the denominator of Cohen's d,
/// so the ratio is |Cohen's d|);
/// ratio = effect / spread, with 0/0 = 0 (identical runs everywhere) and x/0 = +∞ for x &gt; 0;
/// verdict = <see cref="OrderEffectVerdict.SmallerThanSeedNoise"/> when ratio &lt; 1 and the bootstrap CI of the
/// difference includes 0 (or is undefined because a group has a single seed), <see cref="OrderEffectVerdict.Undetermined"/>
/// when the spread is undefined (n1 + n2 &lt; 3), else <see cref="OrderEffectVerdict.ExceedsSeedNoise"/>. A small
/// ratio whose CI excludes 0 is a consistent shift the bootstrap can see, so it is not called noise.</para>
/// </summary>
public static class OrderEffectAnalysis
{
    /// <summary>Compares the seed values of one ordering with the baseline ordering's seed values.</summary>
    /// <exception cref="ArgumentException">A group has no non-NaN value.</exception>
    public static OrderEffect Compare(
        ReadOnlySpan<double> orderingSeeds, ReadOnlySpan<double> baselineSeeds, BootstrapOptions? options = null)
    {
        var interval = BootstrapConfidence.DifferenceOfMeans(orderingSeeds, baselineSeeds, options);
        var orderingMean = DescriptiveStatistics.Mean(orderingSeeds);
        var baselineMean = DescriptiveStatistics.Mean(baselineSeeds);
        var difference = orderingMean - baselineMean;
        var spread = DescriptiveStatistics.PooledStandardDeviation(orderingSeeds, baselineSeeds);
        var ratio = Ratio(Math.Abs(difference), spread);
        var verdict = double.IsNaN(ratio) ? OrderEffectVerdict.Undetermined
            : ratio < 1 && (!interval.IsDefined || interval.Contains(0)) ? OrderEffectVerdict.SmallerThanSeedNoise
            : OrderEffectVerdict.ExceedsSeedNoise;
        return new OrderEffect(
            DescriptiveStatistics.CountFinite(orderingSeeds), DescriptiveStatistics.CountFinite(baselineSeeds),
            orderingMean, baselineMean, difference, spread, ratio, interval, verdict);
    }

    private static double Ratio(double effect, double spread) =>
        double.IsNaN(spread) ? double.NaN
        : spread > 0 ? effect / spread
        : effect > 0 ? double.PositiveInfinity : 0.0;
}
