namespace Prebias.Core.Experiments;

/// <summary>
/// Pooled spreads that separate init noise from order noise. Each cell holds the values of runs that differ in one
/// seed only (e.g. one order seed, several init seeds); the pooled SD is √(Σ (k_i − 1) s_i² / Σ (k_i − 1)) over the
/// cells with k_i ≥ 2, the within-cell spread a one-way ANOVA would use. Null when no cell has two values.
/// </summary>
public static class SeedSpreads
{
    public static double? PooledSd(IEnumerable<IReadOnlyList<double>> cells)
    {
        double sum = 0;
        var degrees = 0;
        foreach (var cell in cells)
        {
            var values = cell.Where(double.IsFinite).ToArray();
            if (values.Length < 2) continue;
            var mean = values.Average();
            sum += values.Sum(v => (v - mean) * (v - mean));
            degrees += values.Length - 1;
        }
        return degrees > 0 ? Math.Sqrt(sum / degrees) : null;
    }
}
