using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class ShuffleOrderTests
{
    private static readonly OrderingSpec Shuffle = new();

    [Fact]
    public void Compile_MatchesIndependentXoshiroFisherYates_WhenSeed42()
    {
        // Expected from a separate Python port of xoshiro256** (SplitMix64 seeding) + Lemire bounded ints +
        // Durstenfeld shuffle of the ids sorted ascending; epoch e uses stream e << 32.
        var order = OrderingCompiler.Compile(Shuffle, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [], seed: 42, samplesNeeded: 20);
        Assert.Equal([8, 7, 3, 0, 5, 4, 6, 1, 2, 9, /* epoch 2 */ 1, 5, 2, 7, 8, 4, 6, 0, 9, 3], order.SampleIds);
        Assert.Equal("9b8a8f609f4e627e9c20c72a4000c50f70c5bb29e618fac8fa10fff5dac2bbcc", order.Hash);
    }

    [Fact]
    public void Compile_IsDeterministicPermutation_WhenSameInputsInAnyIdOrder()
    {
        var ids = Enumerable.Range(1000, 500).ToArray();
        var a = OrderingCompiler.Compile(Shuffle, ids, [], 7, 0);
        var b = OrderingCompiler.Compile(Shuffle, [.. ids.Reverse()], [], 7, 0);
        Assert.Equal(a.SampleIds, b.SampleIds);
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(ids, a.SampleIds.Order());
        Assert.NotEqual(ids, a.SampleIds);
    }

    [Fact]
    public void Compile_DiffersAndSpecSeedOverrides_WhenSeedChanges()
    {
        var ids = Enumerable.Range(0, 200).ToArray();
        var seven = OrderingCompiler.Compile(Shuffle, ids, [], 7, 0);
        var eight = OrderingCompiler.Compile(Shuffle, ids, [], 8, 0);
        var overridden = OrderingCompiler.Compile(Shuffle with { Seed = 7 }, ids, [], 8, 0);
        Assert.NotEqual(seven.Hash, eight.Hash);
        Assert.Equal(seven.SampleIds, overridden.SampleIds);
    }

    [Fact]
    public void Compile_AppendsFreshShuffledEpochs_WhenSamplesNeededExceedsData()
    {
        var ids = Enumerable.Range(0, 100).ToArray();
        var order = OrderingCompiler.Compile(Shuffle, ids, [], 3, samplesNeeded: 250);
        Assert.Equal((3, 300L), (order.Epochs, order.Length));
        var epochs = order.SampleIds.Chunk(100).ToList();
        Assert.All(epochs, epoch => Assert.Equal(ids, epoch.Order()));
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.NotEqual(epochs[1], epochs[2]);
    }
}
