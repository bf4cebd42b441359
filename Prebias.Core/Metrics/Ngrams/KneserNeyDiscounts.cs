namespace Prebias.Core.Metrics.Ngrams;

/// <summary>
/// The three discounts of modified Kneser–Ney for one n-gram order (Chen &amp; Goodman 1998): D1 for n-grams seen
/// once, D2 for twice, D3+ for three times or more.
/// </summary>
public readonly record struct KneserNeyDiscounts(double One, double Two, double ThreePlus)
{
    public double Of(long count) => count switch { <= 0 => 0, 1 => One, 2 => Two, _ => ThreePlus };

    /// <summary>
    /// Chen &amp; Goodman's estimates (their eq. 26) from the count-of-counts n1..n4 of the order: Y = n1 / (n1 + 2 n2),
    /// D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2, D3+ = 3 − 4Y n4/n3. On tiny corpora a count-of-count can be 0, or an
    /// estimate can leave (0, k] (a discount of 0 would leave a history no back-off mass, so unseen words would get
    /// probability 0); KenLM refuses such data, here one absolute discount Y (Ney et al. 1994) serves all three, or
    /// 0.5 when even Y is undefined.
    /// </summary>
    public static KneserNeyDiscounts Estimate(long n1, long n2, long n3, long n4)
    {
        if (n1 > 0 && n2 > 0 && n3 > 0 && n4 > 0)
        {
            var y = n1 / (n1 + 2.0 * n2);
            var (d1, d2, d3) = (1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3);
            if (d1 is > 0 and <= 1 && d2 is > 0 and <= 2 && d3 is > 0 and <= 3) return new(d1, d2, d3);
        }
        var single = n1 > 0 && n2 > 0 ? n1 / (n1 + 2.0 * n2) : 0.5;
        return new(single, single, single);
    }
}
