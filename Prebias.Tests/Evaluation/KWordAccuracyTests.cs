using Prebias.Core.Evaluation;

namespace Prebias.Tests.Evaluation;

/// <summary>k-word accuracy against a tiny example counted by hand.</summary>
public class KWordAccuracyTests
{
    [Fact]
    public void Tally_MatchesHandCount()
    {
        // Four positions; targets 7, 3, 9, 2; words start at the targets 7 and 9.
        //   pos 0: ranked [7, 1, 2, 3, 4] -> top-1 hit, word hit
        //   pos 1: ranked [5, 3, 1, 0, 8] -> top-5 hit only
        //   pos 2: ranked [1, 2, 3, 4, 5] -> miss (word miss)
        //   pos 3: ranked [2, 0, 1, 3, 4] -> top-1 hit
        // top-1 = 2/4, top-5 = 3/4, next word = 1/2.
        var tally = new KWordAccuracy.Tally();
        tally.Add(7, [7, 1, 2, 3, 4], startsWord: true);
        tally.Add(3, [5, 3, 1, 0, 8], startsWord: false);
        tally.Add(9, [1, 2, 3, 4, 5], startsWord: true);
        tally.Add(2, [2, 0, 1, 3, 4], startsWord: false);
        var result = tally.Result();
        Assert.Equal(4, result.Tokens);
        Assert.Equal(0.5, result.Top1);
        Assert.Equal(0.75, result.Top5);
        Assert.Equal(2, result.Words);
        Assert.Equal(0.5, result.NextWord);
        Assert.Equal([KWordAccuracy.Top1Metric, KWordAccuracy.Top5Metric, KWordAccuracy.NextWordMetric],
            result.ToRecords(Guid.Empty, 10).Select(r => r.Metric));
    }

    [Fact]
    public void Result_IsNaN_WhenNothingWasCounted()
    {
        var result = new KWordAccuracy.Tally().Result();
        Assert.True(double.IsNaN(result.Top1));
        Assert.True(double.IsNaN(result.NextWord));
        Assert.Empty(result.ToRecords(Guid.Empty, 0));
    }

    [Theory]
    [InlineData("\u2581Once", true)]
    [InlineData("\u0120upon", true)]
    [InlineData("ce", false)]
    [InlineData("", false)]
    public void StartsWord_ReadsSentencePieceAndGpt2Markers(string piece, bool expected) =>
        Assert.Equal(expected, KWordAccuracy.StartsWord(piece));
}
