namespace Prebias.Core.Ordering;

/// <summary>Draws with replacement from candidates with probabilities p (inverse CDF with binary search),
/// seeded.</summary>
internal static class WeightedDraw
{
    public static void Fill(ReadOnlySpan<int> candidates, ReadOnlySpan<double> p, Span<int> output,
        DeterministicRandom random)
    {
        var cumulative = new double[p.Length];
        double total = 0;
        for (var i = 0; i < p.Length; i++) cumulative[i] = total += p[i];
        for (var k = 0; k < output.Length; k++)
        {
            var u = random.NextDouble() * total;
            var index = Array.BinarySearch(cumulative, u);
            // BinarySearch returns ~(first larger) when u is not an exact entry; an exact hit belongs to the next one.
            index = index >= 0 ? index + 1 : ~index;
            output[k] = candidates[Math.Min(index, candidates.Length - 1)];
        }
    }
}
