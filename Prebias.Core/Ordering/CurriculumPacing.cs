namespace Prebias.Core.Ordering;

/// <summary>
/// The curriculum's pacing rule: linear competence (Platanios et al. 2019, "Competence-based Curriculum Learning for
/// Neural Machine Translation", c_linear with c0 = 0) applied to quantile buckets, i.e. staged "baby steps" pacing.
/// <list type="bullet">
/// <item>Training fraction at order position p (0-based) of a run that consumes T samples: f = p / T. Positions rather than
/// steps, so the compiler needs no batch size; within one step f differs by less than B·A / T.</item>
/// <item>Competence c(f) = min(1, f / pacing); pacing in (0, 1] is the fraction of training by which all data is open.</item>
/// <item>Open buckets at p: clamp(ceil(c(f) · K), 1, K). Bucket k (0-based) opens once p &gt; k · pacing · T / K.</item>
/// </list>
/// </summary>
public static class CurriculumPacing
{
    public static double Competence(double trainingFraction, double pacing) => Math.Min(1.0, trainingFraction / pacing);

    /// <summary>How many of the <paramref name="buckets"/> easiest buckets position <paramref name="position"/> may draw from.</summary>
    public static int OpenBuckets(long position, long totalPositions, int buckets, double pacing)
    {
        var competence = Competence(position / (double)totalPositions, pacing);
        return Math.Clamp((int)Math.Ceiling(competence * buckets), 1, buckets);
    }
}
