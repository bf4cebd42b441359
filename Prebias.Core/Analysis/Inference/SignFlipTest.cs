namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// The sign-flip (paired) permutation test of a zero mean difference (Fisher 1935; Good, "Permutation, Parametric and
/// Bootstrap Tests of Hypotheses", 3rd ed. 2005, §3.6): under H0 each difference is as likely to have either sign,
/// so the p-value is the share of the 2ⁿ sign assignments whose |Σ ± d_i| is at least the observed |Σ d_i|
/// (the identity included). Exact enumeration for n ≤ <see cref="ExactLimit"/>; above it, a seeded Monte Carlo over
/// <see cref="MonteCarloDraws"/> random flips with p = (1 + hits) / (1 + draws) (Phipson and Smyth 2010), which is
/// never 0. The smallest exact p is 2/2ⁿ (1/16 at n = 5): this test cannot reach 0.05 below n = 6.
/// </summary>
public static class SignFlipTest
{
    public const int ExactLimit = 16;
    public const int MonteCarloDraws = 100_000;

    /// <exception cref="ArgumentException">No difference.</exception>
    public static double PValue(ReadOnlySpan<double> differences, ulong seed = 0)
    {
        var n = differences.Length;
        if (n == 0) throw new ArgumentException("needs at least one difference", nameof(differences));
        double observed = 0, scale = 0;
        foreach (var d in differences) { observed += d; scale += Math.Abs(d); }
        observed = Math.Abs(observed);
        // Sums that equal the observed one in exact arithmetic may differ in the last bits: count them as ties.
        var threshold = observed - 1e-12 * scale;
        if (n <= ExactLimit)
        {
            long hits = 0;
            var total = 1L << n;
            for (long mask = 0; mask < total; mask++)
            {
                double sum = 0;
                for (var i = 0; i < n; i++) sum += (mask >> i & 1) == 0 ? differences[i] : -differences[i];
                if (Math.Abs(sum) >= threshold) hits++;
            }
            return (double)hits / total;
        }
        var random = new DeterministicRandom(seed, stream: 0x5167_4e46);
        long mcHits = 0;
        for (var draw = 0; draw < MonteCarloDraws; draw++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++) sum += (random.NextUInt64() & 1) == 0 ? differences[i] : -differences[i];
            if (Math.Abs(sum) >= threshold) mcHits++;
        }
        return (1.0 + mcHits) / (1.0 + MonteCarloDraws);
    }
}
