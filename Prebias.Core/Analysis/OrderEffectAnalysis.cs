using Prebias.Core.Analysis.Inference;

namespace Prebias.Core.Analysis;

/// <summary>
/// Order effect against seed noise, the durability experiment's headline: is an ordering's end-point metric different
/// from the baseline's, the same within a margin, or can the seeds not tell?
/// <para><b>Design.</b> Values are keyed by initialisation seed (NaNs dropped; several values of one seed, e.g. over
/// order seeds, are averaged into one). When the two groups share init seeds, those runs started from the same
/// weights and are not independent, so only the shared seeds are used, as pairs: Student's t on the per-seed
/// differences (n − 1 df) and the exact sign-flip permutation test. Otherwise the groups are independent: Welch's t
/// and the two-sample permutation test.</para>
/// <para><b>Scale.</b> The seed SD is √((s_o² + s_b²)/2) (paired, equal n) or the pooled SD (unpaired); the effect
/// size is Cohen's d = difference / seed SD, its CI the difference's CI over the same SD, and the TOST margin is
/// ±<see cref="OrderEffectOptions.EquivalenceMargin"/> seed SDs, tested with the same standard error and df as the
/// t-test. The minimum detectable effect is (t_{1−α/2} + t_{0.8}) · SE / seed SD.</para>
/// <para><b>Verdicts</b> (<see cref="Decide"/>, over all rows of one comparison, every row with a p-value in the Holm
/// family): below <see cref="OrderEffectOptions.MinSeeds"/> seeds in a group, "inconclusive: n &lt; 3" whatever the p;
/// otherwise "effect" when the Holm-adjusted t-test p is below α (taking precedence: a shown effect stays an effect
/// even when it is also inside the margin), else "equivalent" when the TOST passes at α, else "inconclusive". The
/// decision uses the t-test because the exact sign-flip test cannot go below 2/2ⁿ (0.0625 at n = 5); its p-value is
/// shown next to it as a check that does not assume normality.</para>
/// </summary>
public static class OrderEffectAnalysis
{
    /// <summary>Compares one ordering with the baseline. <see cref="OrderEffect.AdjustedP"/> is null and the verdict
    /// provisional until <see cref="Decide"/> has seen every row of the comparison.</summary>
    /// <exception cref="ArgumentException">A group has no non-NaN value.</exception>
    public static OrderEffect Compare(IReadOnlyList<SeedValue> ordering, IReadOnlyList<SeedValue> baseline, OrderEffectOptions? options = null)
    {
        options ??= OrderEffectOptions.Default;
        options.Validate();
        var a = BySeed(ordering, nameof(ordering));
        var b = BySeed(baseline, nameof(baseline));
        var shared = a.Keys.Intersect(b.Keys).Order().ToList();
        return shared.Count > 0
            ? ComparePaired([.. shared.Select(s => a[s])], [.. shared.Select(s => b[s])], options)
            : CompareUnpaired([.. a.Values], [.. b.Values], options);
    }

    /// <summary>Holm-adjusts the t-test p-values of every row that has one (n ≥ 2) and sets the verdicts. Rows below
    /// MinSeeds keep "inconclusive: n &lt; 3" but stay in the family: their adjusted p is shown, and a larger family
    /// only makes the others more conservative. Rows keep their order.</summary>
    public static IReadOnlyList<OrderEffect> Decide(IReadOnlyList<OrderEffect> rows, OrderEffectOptions? options = null)
    {
        options ??= OrderEffectOptions.Default;
        options.Validate();
        var adjusted = HolmBonferroni.Adjust([.. rows.Select(r => r.P ?? double.NaN)]);
        return [.. rows.Select((r, i) =>
        {
            var adjustedP = r.P is null ? (double?)null : adjusted[i];
            if (r.Verdict == OrderEffectVerdict.TooFewSeeds) return r with { AdjustedP = adjustedP };
            if (adjustedP is null) return r with { AdjustedP = null, Verdict = OrderEffectVerdict.Inconclusive };
            var verdict = adjusted[i] < options.Alpha ? OrderEffectVerdict.Effect
                : r.Equivalent ? OrderEffectVerdict.Equivalent
                : OrderEffectVerdict.Inconclusive;
            return r with { AdjustedP = adjustedP, Verdict = verdict };
        })];
    }

    private static OrderEffect ComparePaired(double[] a, double[] b, OrderEffectOptions options)
    {
        var n = a.Length;
        var differences = new double[n];
        for (var i = 0; i < n; i++) differences[i] = a[i] - b[i];
        var meanA = DescriptiveStatistics.Mean(a);
        var meanB = DescriptiveStatistics.Mean(b);
        var verdict = n < options.MinSeeds ? OrderEffectVerdict.TooFewSeeds : OrderEffectVerdict.Inconclusive;
        if (n < 2)
            return Undefined(OrderEffect.Paired, n, n, meanA, meanB, DescriptiveStatistics.Mean(differences), options, verdict);
        var test = PairedTTest.Compute(differences, options.Level);
        var seedSd = Math.Sqrt((DescriptiveStatistics.SampleVariance(a) + DescriptiveStatistics.SampleVariance(b)) / 2);
        return Build(OrderEffect.Paired, n, n, meanA, meanB, test, seedSd, SignFlipTest.PValue(differences, options.PermutationSeed), options, verdict);
    }

    private static OrderEffect CompareUnpaired(double[] a, double[] b, OrderEffectOptions options)
    {
        var meanA = DescriptiveStatistics.Mean(a);
        var meanB = DescriptiveStatistics.Mean(b);
        var verdict = Math.Min(a.Length, b.Length) < options.MinSeeds ? OrderEffectVerdict.TooFewSeeds : OrderEffectVerdict.Inconclusive;
        if (a.Length < 2 || b.Length < 2)
            return Undefined(OrderEffect.Unpaired, a.Length, b.Length, meanA, meanB, meanA - meanB, options, verdict);
        var test = WelchTTest.Compute(a, b, options.Level);
        var seedSd = DescriptiveStatistics.PooledStandardDeviation(a, b);
        return Build(OrderEffect.Unpaired, a.Length, b.Length, meanA, meanB, test, seedSd, TwoSamplePermutationTest.PValue(a, b, options.PermutationSeed), options, verdict);
    }

    private static OrderEffect Build(string design, int na, int nb, double meanA, double meanB, TTestResult test, double seedSd,
        double permutationP, OrderEffectOptions options, OrderEffectVerdict verdict)
    {
        var margin = options.EquivalenceMargin * seedSd;
        var equivalenceP = EquivalenceTest.PValue(test.Estimate, test.StandardError, test.Degrees, margin);
        var mde = MinimumDetectableEffect.Compute(test.StandardError, test.Degrees, options.Alpha, options.Power);
        return new OrderEffect(design, na, nb, meanA, meanB, test.Estimate, test.Lower, test.Upper, Finite(seedSd),
            Finite(test.Estimate / seedSd), Finite(test.Lower / seedSd), Finite(test.Upper / seedSd), test.Degrees,
            test.P, permutationP, null, options.EquivalenceMargin, equivalenceP, equivalenceP < options.Alpha,
            Finite(mde / seedSd), verdict);
    }

    private static OrderEffect Undefined(string design, int na, int nb, double meanA, double meanB, double difference,
        OrderEffectOptions options, OrderEffectVerdict verdict) =>
        new(design, na, nb, meanA, meanB, difference, null, null, null, null, null, null, null, null, null, null,
            options.EquivalenceMargin, null, false, null, verdict);

    private static Dictionary<long, double> BySeed(IReadOnlyList<SeedValue> values, string name)
    {
        var bySeed = values.Where(v => !double.IsNaN(v.Value)).GroupBy(v => v.InitSeed).ToDictionary(g => g.Key, g => g.Average(v => v.Value));
        if (bySeed.Count == 0) throw new ArgumentException("needs at least one non-NaN value", name);
        return bySeed;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
