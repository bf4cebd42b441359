namespace Prebias.Core.Metrics.Ngrams;

/// <summary>
/// What Kneser–Ney needs of a history: the summed counts of the n-grams that extend it and how many of them were
/// seen once, twice and three or more times (N1, N2, N3+ of Chen &amp; Goodman), which set the back-off weight.
/// </summary>
public struct NgramContext
{
    public long Total { get; private set; }
    public int N1 { get; private set; }
    public int N2 { get; private set; }
    public int N3Plus { get; private set; }

    public void Add(long count)
    {
        Total += count;
        if (count == 1) N1++;
        else if (count == 2) N2++;
        else if (count >= 3) N3Plus++;
    }

    /// <summary>The mass taken from the seen n-grams by discounting, before dividing by <see cref="Total"/>.</summary>
    public readonly double DiscountedMass(KneserNeyDiscounts d) => d.One * N1 + d.Two * N2 + d.ThreePlus * N3Plus;
}
