namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// Student's (1908) one-sample t-test on paired differences d_i = a_i − b_i: mean d̄, SE = s_d / √n, n − 1 degrees
/// of freedom. Exact when the differences are normal and independent across pairs.
/// </summary>
public static class PairedTTest
{
    /// <exception cref="ArgumentException">Fewer than two differences (no degree of freedom).</exception>
    public static TTestResult Compute(ReadOnlySpan<double> differences, double level = 0.95)
    {
        var n = differences.Length;
        if (n < 2) throw new ArgumentException("a paired t-test needs at least two pairs", nameof(differences));
        var mean = DescriptiveStatistics.Mean(differences);
        var sd = DescriptiveStatistics.SampleStandardDeviation(differences);
        return TTestResult.From(mean, sd / Math.Sqrt(n), n - 1, level);
    }
}
