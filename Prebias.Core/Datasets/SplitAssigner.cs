namespace Prebias.Core.Datasets;

/// <summary>
/// Deterministic train/val assignment: a document is in val when SplitMix64(seed ^ documentIndex), as a uniform
/// number in [0, 1), is below valFraction. It depends only on (seed, index, fraction), never on thread scheduling,
/// and a document keeps its split when the corpus grows.
/// </summary>
public static class SplitAssigner
{
    public static DatasetSplit Assign(ulong seed, long documentIndex, double valFraction)
    {
        if (valFraction is < 0 or > 1 || double.IsNaN(valFraction))
            throw new ArgumentOutOfRangeException(nameof(valFraction), valFraction, "Must be in [0, 1].");
        return ToUnitInterval(SplitMix64(seed ^ (ulong)documentIndex)) < valFraction ? DatasetSplit.Val : DatasetSplit.Train;
    }

    /// <summary>SplitMix64 finalizer (Steele, Lea, Flood 2014; constants as in java.util.SplittableRandom).</summary>
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Top 53 bits as a double in [0, 1).</summary>
    public static double ToUnitInterval(ulong x) => (x >> 11) * (1.0 / (1UL << 53));
}
