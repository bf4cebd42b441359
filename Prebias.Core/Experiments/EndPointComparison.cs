namespace Prebias.Core.Experiments;

/// <summary>
/// An ordering against the baseline for one metric at the last checkpoint, with every number its verdict rests on
/// (see <see cref="Analysis.OrderEffectAnalysis"/> for the definitions and <see cref="Analysis.OrderEffect"/> for the
/// units). The CSV table of the comparison has exactly these fields, under the same (camelCase) names as the JSON.
/// </summary>
/// <param name="Design">"paired" (the groups share init seeds: per-seed differences) or "unpaired" (Welch).</param>
/// <param name="NOrdering">Seeds of the ordering used (pairs when paired; several order seeds of one init seed count once).</param>
/// <param name="NBaseline">Seeds of the baseline used.</param>
/// <param name="CiLower">95 % Student-t (paired) or Welch CI of <paramref name="Difference"/>.</param>
/// <param name="SeedSd">The seed SD the effect size and the margin are measured in.</param>
/// <param name="EffectSize">Cohen's d (difference / seed SD) with its CI.</param>
/// <param name="P">t-test p; <paramref name="PermutationP"/>: exact sign-flip or two-sample permutation p;
/// <paramref name="AdjustedP"/>: Holm across every row of this comparison that has a p (n ≥ 2).</param>
/// <param name="EquivalenceMargin">TOST margin ± in seed SDs; <paramref name="EquivalenceP"/> its p; <paramref name="Equivalent"/> passed.</param>
/// <param name="Mde">Minimum detectable |effect size| (seed SDs) at 80 % power for this n.</param>
/// <param name="Verdict">effect, equivalent, inconclusive or "inconclusive: n &lt; 3".</param>
/// <param name="InitSeedSd">Init-only spread: SD across init seeds at a fixed order seed, pooled over both groups and
/// order seeds; <paramref name="InitSeeds"/> its number of init seeds.</param>
/// <param name="OrderSeedSd">Order-seed spread of a shuffle baseline: SD across order seeds at a fixed init seed, pooled
/// over init seeds (null unless the baseline is a shuffle with several order seeds); <paramref name="OrderSeeds"/> its
/// number of order seeds.</param>
public sealed record EndPointComparison(
    string Metric, string Ordering, long Step, string Design, int NOrdering, int NBaseline,
    double OrderingMean, double BaselineMean, double Difference, double? CiLower, double? CiUpper,
    double? SeedSd, double? EffectSize, double? EffectSizeLower, double? EffectSizeUpper, double? Df,
    double? P, double? PermutationP, double? AdjustedP,
    double EquivalenceMargin, double? EquivalenceP, bool Equivalent, double? Mde, string Verdict,
    double? InitSeedSd, int InitSeeds, double? OrderSeedSd, int OrderSeeds, long? SaturationStep,
    string Phase = ExperimentPhases.Pretrain);
