namespace Prebias.Core.Analysis;

/// <summary>
/// NaN-aware descriptive statistics used by metric summaries and the seed comparisons. "NaN-aware" means NaN values are
/// skipped (like numpy's nanmean / nanstd / nanquantile), never propagated.
/// </summary>
public static class DescriptiveStatistics
{
    /// <summary>Arithmetic mean of the non-NaN values; NaN when there are none.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Sample variance (denominator n − 1, numpy <c>ddof=1</c>) of the non-NaN values; NaN when fewer than two.
    /// Two-pass (mean first) for accuracy.</summary>
    public static double SampleVariance(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        double sum = 0;
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += (v - mean) * (v - mean);
            count++;
        }
        return count < 2 ? double.NaN : sum / (count - 1);
    }

    /// <summary>Sample standard deviation (n − 1) of the non-NaN values; NaN when fewer than two.</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values) => Math.Sqrt(SampleVariance(values));

    /// <summary>
    /// Pooled sample standard deviation of two groups: sqrt(((n1 − 1) s1² + (n2 − 1) s2²) / (n1 + n2 − 2)), the
    /// within-group spread that a two-sample t-test or Cohen's d uses. A group of one seed contributes n − 1 = 0 weight.
    /// NaN when n1 + n2 − 2 &lt; 1 (no within-group degree of freedom).
    /// </summary>
    public static double PooledStandardDeviation(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var n1 = CountFinite(first);
        var n2 = CountFinite(second);
        var degrees = n1 + n2 - 2;
        if (degrees < 1) return double.NaN;
        var sum = (n1 >= 2 ? (n1 - 1) * SampleVariance(first) : 0) + (n2 >= 2 ? (n2 - 1) * SampleVariance(second) : 0);
        return Math.Sqrt(sum / degrees);
    }

    /// <summary>
    /// Quantile of the non-NaN values at probability <paramref name="p"/> in [0, 1], Hyndman and Fan (1996) type 7
    /// (R's default, numpy's <c>method="linear"</c>): sorted x, h = (n − 1) p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    /// Of values already sorted ascending and free of NaN (no copy); NaN when there are none.
    /// </summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in [0, 1]");
        if (sorted.Length == 0) return double.NaN;
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        if (low >= sorted.Length - 1) return sorted[^1];
        return sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }

    internal static int CountFinite(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values) if (!double.IsNaN(v)) count++;
        return count;
    }

    internal static double[] SortedFinite(ReadOnlySpan<double> values)
    {
        var finite = new double[CountFinite(values)];
        var i = 0;
        foreach (var v in values) if (!double.IsNaN(v)) finite[i++] = v;
        Array.Sort(finite);
        return finite;
    }
}
