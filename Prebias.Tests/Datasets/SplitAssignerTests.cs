using Prebias.Core.Datasets;

namespace Prebias.Tests.Datasets;

public sealed class SplitAssignerTests
{
    [Fact]
    public void SplitMix64_MatchesReferenceOutput_WhenStateZero()
    {
        // First output of the reference splitmix64.c seeded with 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitAssigner.SplitMix64(0));
    }

    [Fact]
    public void Assign_IsAllTrainOrAllVal_WhenFractionIsZeroOrOne()
    {
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(DatasetSplit.Train, SplitAssigner.Assign(5, i, 0)));
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(DatasetSplit.Val, SplitAssigner.Assign(5, i, 1)));
    }

    [Fact]
    public void Assign_DependsOnSeed_WhenSameIndices()
    {
        var a = Enumerable.Range(0, 200).Select(i => SplitAssigner.Assign(1, i, 0.5)).ToList();
        var b = Enumerable.Range(0, 200).Select(i => SplitAssigner.Assign(2, i, 0.5)).ToList();
        Assert.Equal(a, Enumerable.Range(0, 200).Select(i => SplitAssigner.Assign(1, i, 0.5)));
        Assert.NotEqual(a, b);
    }
}
