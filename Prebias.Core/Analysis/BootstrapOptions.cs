namespace Prebias.Core.Analysis;

/// <summary>Settings of a percentile bootstrap.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of bootstrap resamples (B). 10,000 keeps the Monte Carlo error of a 95% percentile bound well
    /// below the seed spread (Efron and Tibshirani 1993, §19.3 suggest ≥ 1,000 for percentile intervals).</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>Two-sided confidence level; the interval is the [(1 − level)/2, (1 + level)/2] quantiles.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Seed of the <see cref="DeterministicRandom"/> stream, so a comparison is reproducible
    /// to the bit.</summary>
    public ulong Seed { get; init; } = 0;

    public static BootstrapOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Resamples, 1, nameof(Resamples));
        if (!(Level > 0 && Level < 1)) throw new ArgumentOutOfRangeException(nameof(Level), Level, "must be in (0, 1)");
    }
}
