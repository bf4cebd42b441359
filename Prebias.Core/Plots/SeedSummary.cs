namespace Prebias.Core.Plots;

/// <summary>Mean and band (lower, upper) across seeds at each checkpoint; NaN where no seed has a finite value.</summary>
public sealed record SeedSummary(double[] Mean, double[] Lower, double[] Upper)
{
    /// <summary>
    /// Summarises seed × checkpoint values column by column, ignoring non-finite values (a seed that has not been
    /// evaluated at a checkpoint yet). Standard deviation is the sample one (n − 1), 0 for one seed.
    /// </summary>
    public static SeedSummary Compute(IReadOnlyList<IReadOnlyList<double>> seeds, int checkpoints, SeedBand band)
    {
        var (mean, lower, upper) = (new double[checkpoints], new double[checkpoints], new double[checkpoints]);
        for (var c = 0; c < checkpoints; c++)
        {
            var values = seeds.Where(s => c < s.Count && double.IsFinite(s[c])).Select(s => s[c]).ToArray();
            if (values.Length == 0)
            {
                (mean[c], lower[c], upper[c]) = (double.NaN, double.NaN, double.NaN);
                continue;
            }
            mean[c] = values.Average();
            if (band == SeedBand.MinMax)
            {
                (lower[c], upper[c]) = (values.Min(), values.Max());
                continue;
            }
            var m = mean[c];
            var std = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Length - 1));
            (lower[c], upper[c]) = (m - std, m + std);
        }
        return new SeedSummary(mean, lower, upper);
    }
}
