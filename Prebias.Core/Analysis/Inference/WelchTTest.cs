namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// Welch's (1947) unequal-variance t-test of mean(a) − mean(b): SE = √(s_a²/n_a + s_b²/n_b) and the
/// Welch–Satterthwaite degrees of freedom ν = SE⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)). When both
/// variances are 0, ν falls back to n_a + n_b − 2 (the formula is 0/0 there).
/// </summary>
public static class WelchTTest
{
    /// <exception cref="ArgumentException">A group has fewer than two values.</exception>
    public static TTestResult Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double level = 0.95)
    {
        if (a.Length < 2 || b.Length < 2) throw new ArgumentException("Welch's t-test needs at least two values per group");
        var va = DescriptiveStatistics.SampleVariance(a) / a.Length;
        var vb = DescriptiveStatistics.SampleVariance(b) / b.Length;
        var se2 = va + vb;
        var degrees = se2 > 0 ? se2 * se2 / (va * va / (a.Length - 1) + vb * vb / (b.Length - 1)) : a.Length + b.Length - 2;
        return TTestResult.From(DescriptiveStatistics.Mean(a) - DescriptiveStatistics.Mean(b), Math.Sqrt(se2), degrees, level);
    }
}
