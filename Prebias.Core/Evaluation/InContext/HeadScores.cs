namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// Per-head induction measures of one checkpoint, indexed [layer][head].
/// </summary>
/// <param name="PrefixMatching">Mean attention from each token of the second copy to the token after its first
/// occurrence, on <see cref="RepeatedTokens"/>; an induction head scores near 1.</param>
/// <param name="Copying">Σλ / Σ|λ| over the eigenvalues λ of the head's full OV circuit (embed → value → output →
/// unembed), in [−1, 1]: positive when attending to a token raises that token's logit (Elhage et al. 2021).</param>
/// <param name="UniformBaseline">The prefix-matching score of a head that attends uniformly to the causal prefix:
/// the mean of 1/(q + 1) over the scored query positions q (about 1/T for T tokens).</param>
public sealed record HeadScores(double[][] PrefixMatching, double[][] Copying, double UniformBaseline)
{
    public int Layers => PrefixMatching.Length;
    public int Heads => Layers == 0 ? 0 : PrefixMatching[0].Length;

    /// <summary>The highest prefix-matching score of any head.</summary>
    public double MaxPrefixMatching => PrefixMatching.SelectMany(h => h).DefaultIfEmpty(double.NaN).Max();
}
