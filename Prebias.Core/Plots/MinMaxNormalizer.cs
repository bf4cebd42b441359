namespace Prebias.Core.Plots;

/// <summary>
/// Min–max scaling of one series to [0, 1], as saturation curves are drawn,
/// so metrics with different units share one axis.
/// </summary>
public static class MinMaxNormalizer
{
    /// <summary>
    /// (v − min) / (max − min) over the finite values; non-finite values stay NaN, and a constant series maps to 0
    /// (there is no range to scale by).
    /// </summary>
    public static double[] Normalize(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var result = new double[values.Count];
        if (finite.Length == 0)
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        var (min, max) = (finite.Min(), finite.Max());
        var range = max - min;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            result[i] = !double.IsFinite(v) ? double.NaN : range == 0 ? 0 : (v - min) / range;
        }
        return result;
    }
}
