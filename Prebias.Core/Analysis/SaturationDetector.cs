namespace Prebias.Core.Analysis;

/// <summary>
/// Saturation point of a metric over checkpoints (the first checkpoint after which the output metric stays
/// within a tolerance of its final value).
/// <para>Definition: with final value f = v[n−1] and band τ = max(rel·|f|, abs), the saturation index is the smallest i
/// such that |v[j] − f| ≤ τ for every j ≥ i. A NaN value counts as outside the band. The last checkpoint always
/// qualifies trivially, so when only it does (i = n − 1) the curve has not been seen to settle and the result is null;
/// null too for fewer than two checkpoints or a NaN final value.</para>
/// </summary>
public static class SaturationDetector
{
    /// <param name="steps">Training steps of the checkpoints, strictly increasing.</param>
    /// <param name="values">The metric at each checkpoint, same length as <paramref name="steps"/>.</param>
    public static SaturationPoint? Find(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, SaturationOptions? options = null)
    {
        options ??= SaturationOptions.Default;
        if (steps.Length != values.Length)
            throw new ArgumentException($"{steps.Length} steps but {values.Length} values", nameof(values));
        if (options.RelativeTolerance < 0 || options.AbsoluteTolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "tolerances must be ≥ 0");
        for (var i = 1; i < steps.Length; i++)
            if (steps[i] <= steps[i - 1]) throw new ArgumentException("steps must be strictly increasing", nameof(steps));
        if (values.Length < 2 || double.IsNaN(values[^1])) return null;

        var final = values[^1];
        var tolerance = Math.Max(options.RelativeTolerance * Math.Abs(final), options.AbsoluteTolerance);
        var first = values.Length - 1;
        // Walk back from the end while the values stay inside the band; NaN fails the comparison and stops the walk.
        while (first > 0 && Math.Abs(values[first - 1] - final) <= tolerance) first--;
        return first == values.Length - 1 ? null : new SaturationPoint(first, steps[first], values[first], final, tolerance);
    }
}
