namespace Prebias.Core.Analysis;

/// <summary>
/// Percentile bootstrap confidence intervals (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13)
/// over seed values, e.g. one output metric at the end point, one value per training seed.
/// <para>Definition (two groups, ordering A vs baseline B, NaNs dropped first): estimate = mean(A) − mean(B). For b = 1..B,
/// draw nA values from A and nB values from B uniformly with replacement, each group on its own (a stratified two-sample
/// bootstrap: seeds are independent runs, not pairs), and record mean(A*) − mean(B*). The interval is the type-7
/// quantiles of those B differences at (1 − level)/2 and (1 + level)/2.</para>
/// </summary>
public static class BootstrapConfidence
{
    /// <summary>CI of mean(<paramref name="treatment"/>) − mean(<paramref name="baseline"/>).</summary>
    /// <exception cref="ArgumentException">A group has no non-NaN value.</exception>
    public static BootstrapInterval DifferenceOfMeans(
        ReadOnlySpan<double> treatment, ReadOnlySpan<double> baseline, BootstrapOptions? options = null)
    {
        options ??= BootstrapOptions.Default;
        options.Validate();
        var a = Finite(treatment, nameof(treatment));
        var b = Finite(baseline, nameof(baseline));
        var estimate = DescriptiveStatistics.Mean(a) - DescriptiveStatistics.Mean(b);
        if (a.Length < 2 || b.Length < 2) return Undefined(estimate, options);
        var random = new DeterministicRandom(options.Seed);
        var draws = new double[options.Resamples];
        for (var i = 0; i < draws.Length; i++) draws[i] = ResampledMean(a, random) - ResampledMean(b, random);
        return Interval(estimate, draws, options);
    }

    /// <summary>One-sample CI of mean(<paramref name="values"/>), e.g. of per-seed differences or of a probe score.</summary>
    /// <exception cref="ArgumentException">No non-NaN value.</exception>
    public static BootstrapInterval Mean(ReadOnlySpan<double> values, BootstrapOptions? options = null)
    {
        options ??= BootstrapOptions.Default;
        options.Validate();
        var a = Finite(values, nameof(values));
        var estimate = DescriptiveStatistics.Mean(a);
        if (a.Length < 2) return Undefined(estimate, options);
        var random = new DeterministicRandom(options.Seed);
        var draws = new double[options.Resamples];
        for (var i = 0; i < draws.Length; i++) draws[i] = ResampledMean(a, random);
        return Interval(estimate, draws, options);
    }

    private static double ResampledMean(double[] values, DeterministicRandom random)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++) sum += values[random.NextInt(values.Length)];
        return sum / values.Length;
    }

    private static BootstrapInterval Interval(double estimate, double[] draws, BootstrapOptions options)
    {
        Array.Sort(draws);
        var tail = (1 - options.Level) / 2;
        return new BootstrapInterval(
            estimate,
            DescriptiveStatistics.QuantileOfSorted(draws, tail),
            DescriptiveStatistics.QuantileOfSorted(draws, 1 - tail),
            options.Level, options.Resamples, IsDefined: true);
    }

    private static BootstrapInterval Undefined(double estimate, BootstrapOptions options) =>
        new(estimate, double.NaN, double.NaN, options.Level, options.Resamples, IsDefined: false);

    private static double[] Finite(ReadOnlySpan<double> values, string name)
    {
        var finite = new double[DescriptiveStatistics.CountFinite(values)];
        if (finite.Length == 0) throw new ArgumentException("needs at least one non-NaN value", name);
        var i = 0;
        foreach (var v in values) if (!double.IsNaN(v)) finite[i++] = v;
        return finite;
    }
}
