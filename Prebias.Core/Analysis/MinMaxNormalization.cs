namespace Prebias.Core.Analysis;

/// <summary>
/// Min–max normalisation to [0, 1] per metric, so input and output metrics with different units share one
/// axis: (x − min) / (max − min) over the non-NaN values of that metric. NaN stays NaN. A constant metric
/// (max == min) maps to 0 everywhere, as scikit-learn's MinMaxScaler does for a zero range, rather than to NaN.
/// </summary>
public static class MinMaxNormalization
{
    /// <summary>One metric's series (e.g. its value at each checkpoint) normalised to [0, 1].</summary>
    public static double[] Normalize(ReadOnlySpan<double> values)
    {
        var (min, max) = Range(values, 0, 1);
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = Scale(values[i], min, max);
        return result;
    }

    private static double Scale(double value, double min, double max) =>
        double.IsNaN(value) ? double.NaN : max > min ? (value - min) / (max - min) : 0.0;

    private static (double Min, double Max) Range(ReadOnlySpan<double> values, int start, int stride)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = start; i < values.Length; i += stride)
        {
            var v = values[i];
            if (double.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }
}
