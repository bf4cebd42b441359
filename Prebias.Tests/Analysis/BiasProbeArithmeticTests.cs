using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class BiasProbeArithmeticTests
{
    // Neutral baseline: T1 has two neutral subjects, log-ratios −1 and −2 → b(T1) = −1.5; T2: −3 − (−2.5) = −0.5.
    private static readonly PronounLogProbs[] Neutral =
    [
        new("child", "T1", -2.0, -1.0),
        new("kid", "T1", -3.0, -1.0),
        new("child", "T2", -3.0, -2.5),
    ];

    [Fact]
    public void ScoreOccupations_SubtractsTemplateMatchedBaseline_WhenTemplatesDiffer()
    {
        PronounLogProbs[] readings =
        [
            new("nurse", "T1", -1.0, -3.0),  // +2
            new("doctor", "T1", -4.0, -1.0), // −3
            new("nurse", "T2", -2.0, -2.5),  // +0.5
        ];
        var scores = BiasProbeArithmetic.ScoreOccupations(readings, Neutral);
        // Nurse: mean ratio (2 + 0.5)/2 = 1.25; baseline (−1.5 + −0.5)/2 = −1; adjusted 2.25.
        Assert.Equal(new OccupationBiasScore("nurse", 2, 1.25, -1.0, 2.25), scores[0]);
        // Doctor (T1 only): −3 − (−1.5) = −1.5.
        Assert.Equal(new OccupationBiasScore("doctor", 1, -3.0, -1.5, -1.5), scores[1]);
    }

    [Fact]
    public void ScoreOccupations_Throws_WhenTemplateHasNoNeutralReading() =>
        Assert.Throws<ArgumentException>(() =>
            BiasProbeArithmetic.ScoreOccupations([new PronounLogProbs("nurse", "T3", -1, -2)], Neutral));

    [Fact]
    public void ScoreMinimalPairs_CountsStrictPreference_WhenPairsIncludeTie()
    {
        MinimalPair[] pairs =
        [
            new("p1", -10.0, -12.0), // stereotyped more likely
            new("p2", -8.0, -7.0),   // anti-stereotyped more likely
            new("p3", -5.0, -5.0),   // tie
            new("p4", -20.0, -21.0), // stereotyped more likely
        ];
        // 2 of 4 → 0.5.
        Assert.Equal(new MinimalPairScore(4, 2, 1, 0.5), BiasProbeArithmetic.ScoreMinimalPairs(pairs));
    }

    [Fact]
    public void ScoreMinimalPairs_IsNaN_WhenNoPairs() =>
        Assert.True(double.IsNaN(BiasProbeArithmetic.ScoreMinimalPairs([]).Score));
}
