using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class NextTokenDivergenceTests
{
    // P = softmax(0, 0) = (½, ½); Q = softmax(0, ln 3) = (¼, ¾).
    private static readonly float[] Uniform = [0f, 0f];
    private static readonly float[] OneToThree = [0f, MathF.Log(3f)];

    [Fact]
    public void MeanKlDivergence_MatchesHandValue_WhenTwoTokenVocabulary()
    {
        // KL(P‖Q) = ½ ln(½ / ¼) + ½ ln(½ / ¾) = ½ ln 2 + ½ ln ⅔ = ½ ln(4/3) = 0.143841036.
        Assert.Equal(0.14384103622589042, NextTokenDivergence.MeanKlDivergence(Uniform, OneToThree, 2), 6);
        // KL(Q‖P) = ¼ ln(¼ / ½) + ¾ ln(¾ / ½) = 0.130812036 — KL is not symmetric.
        Assert.Equal(0.13081203594113697, NextTokenDivergence.MeanKlDivergence(OneToThree, Uniform, 2), 6);
    }

    [Fact]
    public void MeanJensenShannonDivergence_MatchesHandValue_WhenTwoTokenVocabulary()
    {
        // M = (3/8, 5/8). KL(P‖M) = ½ ln(4/3) + ½ ln(4/5) = 0.032269261; KL(Q‖M) = ¼ ln(2/3) + ¾ ln(6/5) = 0.035374891.
        // JS = ½(0.032269261 + 0.035374891) = 0.033822076.
        Assert.Equal(0.033822075568605205, NextTokenDivergence.MeanJensenShannonDivergence(Uniform, OneToThree, 2), 6);
    }

    [Fact]
    public void MeanKlDivergence_AveragesPositions_WhenOnePositionIdentical()
    {
        // Position 0 as above (0.143841), position 1 identical rows (0): mean 0.071921.
        float[] p = [0f, 0f, 1f, 2f], q = [0f, MathF.Log(3f), 1f, 2f];
        Assert.Equal([0.14384103622589042, 0.0], NextTokenDivergence.KlDivergencePerPosition(p, q, 2), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(0.14384103622589042 / 2, NextTokenDivergence.MeanKlDivergence(p, q, 2), 6);
    }

    [Fact]
    public void MeanKlDivergence_IsShiftInvariantAndFinite_WhenLogitsAreLarge()
    {
        // softmax ignores a constant shift; naive exp(1000) would overflow.
        float[] p = [1000f, 1000f], q = [1000f, 1000f + MathF.Log(3f)];
        Assert.Equal(0.14384103622589042, NextTokenDivergence.MeanKlDivergence(p, q, 2), 3);
    }

    [Fact]
    public void Divergences_ReachTheirLimits_WhenDistributionsNearlyDisjoint()
    {
        // P ≈ (1, e^−1000), Q ≈ (e^−1000, 1): KL(P‖Q) ≈ 1·(0 − (−1000)) = 1000 nats; JS → ln 2.
        float[] p = [0f, -1000f], q = [-1000f, 0f];
        Assert.Equal(1000.0, NextTokenDivergence.MeanKlDivergence(p, q, 2), 6);
        Assert.Equal(Math.Log(2), NextTokenDivergence.MeanJensenShannonDivergence(p, q, 2), 9);
    }

    [Fact]
    public void MeanKlDivergence_Throws_WhenShapesDiffer()
    {
        Assert.Throws<ArgumentException>(() => NextTokenDivergence.MeanKlDivergence([0f, 0f], [0f, 0f, 0f, 0f], 2));
        Assert.Throws<ArgumentException>(() => NextTokenDivergence.MeanKlDivergence([0f, 0f, 0f], [0f, 0f, 0f], 2));
    }
}
