namespace Prebias.Core.Analysis;

/// <summary>Settings of <see cref="OrderEffectAnalysis"/>.</summary>
public sealed record OrderEffectOptions
{
    /// <summary>Level of the two-sided confidence intervals (of the difference and of the effect size). Default 0.95.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Family-wise error rate of the Holm-adjusted effect tests, and the level of each TOST. Default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Equivalence margin ±Δ in units of the seed SD (the pooled seed-to-seed standard deviation). Default 1:
    /// "equivalent" means the order effect is shown to be smaller than one seed SD.</summary>
    public double EquivalenceMargin { get; init; } = 1.0;

    /// <summary>Power of the minimum detectable effect. Default 0.8.</summary>
    public double Power { get; init; } = 0.8;

    /// <summary>Fewest seeds per group for any verdict but "inconclusive: n &lt; 3". Default 3.</summary>
    public int MinSeeds { get; init; } = 3;

    /// <summary>Seed of the Monte Carlo permutation tests (used only above the exact-enumeration sizes).</summary>
    public ulong PermutationSeed { get; init; }

    public static OrderEffectOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(Level > 0 && Level < 1)) throw new ArgumentOutOfRangeException(nameof(Level), Level, "must be in (0, 1)");
        if (!(Alpha > 0 && Alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "must be in (0, 0.5)");
        if (!(EquivalenceMargin > 0) || double.IsInfinity(EquivalenceMargin)) throw new ArgumentOutOfRangeException(nameof(EquivalenceMargin), EquivalenceMargin, "must be positive and finite");
        if (!(Power > 0 && Power < 1)) throw new ArgumentOutOfRangeException(nameof(Power), Power, "must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSeeds, 2, nameof(MinSeeds));
    }
}
