namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// The two-sample permutation test of equal means for unpaired groups (Good 2005, §3.3): under H0 the group labels
/// are exchangeable, so the p-value is the share of the C(n_a + n_b, n_a) relabellings whose |mean(a*) − mean(b*)|
/// is at least the observed one (the observed labelling included). Exact enumeration while there are at most
/// <see cref="ExactLimit"/> relabellings (8 + 8 seeds: 12,870); above it a seeded Monte Carlo over
/// <see cref="MonteCarloDraws"/> random relabellings with p = (1 + hits) / (1 + draws).
/// </summary>
public static class TwoSamplePermutationTest
{
    public const long ExactLimit = 200_000;
    public const int MonteCarloDraws = 100_000;

    /// <exception cref="ArgumentException">A group is empty.</exception>
    public static double PValue(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ulong seed = 0)
    {
        if (a.Length == 0 || b.Length == 0) throw new ArgumentException("both groups need at least one value");
        var pooled = new double[a.Length + b.Length];
        a.CopyTo(pooled);
        b.CopyTo(pooled.AsSpan(a.Length));
        double total = 0, scale = 0;
        foreach (var v in pooled) { total += v; scale += Math.Abs(v); }
        int na = a.Length, nb = b.Length;
        double Statistic(double sumA) => Math.Abs(sumA / na - (total - sumA) / nb);
        double observedSumA = 0;
        foreach (var v in a) observedSumA += v;
        var threshold = Statistic(observedSumA) - 1e-12 * scale;

        if (Combinations(pooled.Length, na) <= ExactLimit)
        {
            long hits = 0, count = 0;
            void Enumerate(int start, int left, double sum)
            {
                if (left == 0)
                {
                    count++;
                    if (Statistic(sum) >= threshold) hits++;
                    return;
                }
                for (var i = start; i <= pooled.Length - left; i++) Enumerate(i + 1, left - 1, sum + pooled[i]);
            }
            Enumerate(0, na, 0);
            return (double)hits / count;
        }
        var random = new DeterministicRandom(seed, stream: 0x5045_524d);
        var work = (double[])pooled.Clone();
        long mcHits = 0;
        for (var draw = 0; draw < MonteCarloDraws; draw++)
        {
            // A partial Fisher–Yates shuffle: the first n_a places are a uniform random subset.
            double sum = 0;
            for (var i = 0; i < na; i++)
            {
                var j = i + random.NextInt(work.Length - i);
                (work[i], work[j]) = (work[j], work[i]);
                sum += work[i];
            }
            if (Statistic(sum) >= threshold) mcHits++;
        }
        return (1.0 + mcHits) / (1.0 + MonteCarloDraws);
    }

    private static double Combinations(int n, int k)
    {
        double c = 1;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }
}
