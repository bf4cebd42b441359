namespace Prebias.Core.Analysis;

/// <summary>
/// One ordering against the baseline for one metric at one checkpoint, with the basis of its verdict. Units: the
/// difference, its CI and <see cref="SeedSd"/> are in the metric's units; <see cref="EffectSize"/>, its CI,
/// <see cref="Mde"/> and <see cref="EquivalenceMargin"/> are in seed SDs. Nulls mark what is undefined for this n.
/// </summary>
/// <param name="Design">"paired" (per-init-seed differences; the groups share init seeds) or "unpaired" (Welch).</param>
/// <param name="OrderingSeeds">n of the ordering group (the pairs, when paired).</param>
/// <param name="BaselineSeeds">n of the baseline group (the pairs, when paired).</param>
/// <param name="Difference">mean(ordering) − mean(baseline) over the seeds used (the mean paired difference when paired).</param>
/// <param name="CiLower">Student-t (paired) or Welch CI of <see cref="Difference"/>, at <see cref="OrderEffectOptions.Level"/>.</param>
/// <param name="SeedSd">Seed-to-seed SD: √((s_o² + s_b²)/2) when paired, the pooled SD when unpaired.</param>
/// <param name="EffectSize">Cohen's d: <see cref="Difference"/> / <see cref="SeedSd"/> (for paired data d_av, Cumming 2012).</param>
/// <param name="EffectSizeLower">The CI of the difference divided by <see cref="SeedSd"/> (conditional on the SD estimate).</param>
/// <param name="DegreesOfFreedom">n − 1 when paired, Welch–Satterthwaite when unpaired.</param>
/// <param name="P">Two-sided p of the t-test (paired t or Welch).</param>
/// <param name="PermutationP">Two-sided p of the exact sign-flip (paired) or two-sample permutation test.</param>
/// <param name="AdjustedP">Holm-adjusted <see cref="P"/> across every row of one comparison that has a p (n ≥ 2).</param>
/// <param name="EquivalenceMargin">±Δ of the TOST in seed SDs.</param>
/// <param name="EquivalenceP">TOST p-value (Schuirmann 1987) against ±Δ · <see cref="SeedSd"/>.</param>
/// <param name="Equivalent">TOST passed at α.</param>
/// <param name="Mde">Minimum detectable |effect size| at 80 % power and α (unadjusted) for this n and spread.</param>
public sealed record OrderEffect(
    string Design,
    int OrderingSeeds,
    int BaselineSeeds,
    double OrderingMean,
    double BaselineMean,
    double Difference,
    double? CiLower,
    double? CiUpper,
    double? SeedSd,
    double? EffectSize,
    double? EffectSizeLower,
    double? EffectSizeUpper,
    double? DegreesOfFreedom,
    double? P,
    double? PermutationP,
    double? AdjustedP,
    double EquivalenceMargin,
    double? EquivalenceP,
    bool Equivalent,
    double? Mde,
    OrderEffectVerdict Verdict)
{
    public const string Paired = "paired";
    public const string Unpaired = "unpaired";

    /// <summary>The verdict as the API and the report print it.</summary>
    public string VerdictText => Verdict switch
    {
        OrderEffectVerdict.Effect => "effect",
        OrderEffectVerdict.Equivalent => "equivalent",
        OrderEffectVerdict.Inconclusive => "inconclusive",
        _ => "inconclusive: n < 3",
    };
}
