namespace Prebias.Core.Ordering;

/// <summary>Fisher–Yates (Durstenfeld) shuffle driven by <see cref="DeterministicRandom"/> (xoshiro256**), so an
/// order is identical on every platform, .NET version and thread count (System.Random promises none of that).</summary>
internal static class Shuffler
{
    public static void Shuffle(Span<int> items, DeterministicRandom random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Random streams: one per epoch for shuffles; per (epoch, bucket) and (epoch, draws) for curricula.</summary>
    public static DeterministicRandom Stream(ulong seed, long epoch, long part = 0) =>
        new(seed, ((ulong)epoch << 32) | (uint)part);
}
