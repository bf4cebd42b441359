using Prebias.Core;

namespace Prebias.Tests.Common;

public class DeterministicRandomTests
{
    // Expected values from an independent Python transcription of xoshiro256** and SplitMix64
    // (https://prng.di.unimi.it/) with the same seeding: state = 4 SplitMix64 outputs from seed ^ mix(stream + C).
    [Theory]
    [InlineData(1UL, 0UL, 0xc77b6107c66edf7bUL, 0xb4da9dc4018569d1UL, 0x4916a262fd51a42cUL)]
    [InlineData(42UL, 7UL, 0x7ecf00f5d6a0a7c2UL, 0xa740a9a39c8734a6UL, 0xac9c40114189c95fUL)]
    public void NextUInt64_MatchesReferenceImplementation_WhenSeeded(ulong seed, ulong stream, ulong a, ulong b, ulong c)
    {
        var rng = new DeterministicRandom(seed, stream);
        Assert.Equal([a, b, c], new[] { rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64() });
    }

    [Fact]
    public void NextInt_StaysInRangeAndHitsBothEnds_WhenRangeIsInclusive()
    {
        var rng = new DeterministicRandom(3);
        var values = Enumerable.Range(0, 1000).Select(_ => rng.NextInt(5, 8)).ToList();
        Assert.All(values, v => Assert.InRange(v, 5, 8));
        Assert.Equal([5, 6, 7, 8], values.Distinct().Order());
        Assert.Equal(0, rng.NextInt(1));
    }

    [Fact]
    public void NextDouble_IsInUnitInterval_WhenDrawnManyTimes()
    {
        var rng = new DeterministicRandom(9);
        var values = Enumerable.Range(0, 10_000).Select(_ => rng.NextDouble()).ToList();
        Assert.All(values, v => Assert.InRange(v, 0.0, 0.9999999999999999));
        Assert.InRange(values.Average(), 0.48, 0.52); // mean of U(0,1) = 0.5, sd of the mean ~ 0.003
    }
}
