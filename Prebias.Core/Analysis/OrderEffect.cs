namespace Prebias.Core.Analysis;

/// <summary>
/// One ordering vs the baseline for one metric at one checkpoint (usually the end point).
/// <see cref="Difference"/> = mean(ordering) − mean(baseline); <see cref="SeedSpread"/> = pooled sample std of the
/// seeds within each ordering; <see cref="Ratio"/> = |Difference| / SeedSpread; <see cref="Interval"/> = bootstrap CI
/// of <see cref="Difference"/>.
/// </summary>
public sealed record OrderEffect(
    int OrderingSeeds,
    int BaselineSeeds,
    double OrderingMean,
    double BaselineMean,
    double Difference,
    double SeedSpread,
    double Ratio,
    BootstrapInterval Interval,
    OrderEffectVerdict Verdict)
{
    /// <summary>The verdict as the report prints it.</summary>
    public string VerdictText => Verdict switch
    {
        OrderEffectVerdict.SmallerThanSeedNoise => "order effect smaller than seed noise",
        OrderEffectVerdict.ExceedsSeedNoise => "order effect exceeds seed noise",
        _ => "undetermined (fewer than three seeds)",
    };
}
