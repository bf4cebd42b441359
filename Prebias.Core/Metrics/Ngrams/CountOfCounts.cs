namespace Prebias.Core.Metrics.Ngrams;

/// <summary>How many n-grams of one order have count 1, 2, 3 and 4: the input of <see cref="KneserNeyDiscounts.Estimate"/>.</summary>
internal struct CountOfCounts
{
    private long _n1, _n2, _n3, _n4;

    public void Add(long count)
    {
        switch (count)
        {
            case 1: _n1++; break;
            case 2: _n2++; break;
            case 3: _n3++; break;
            case 4: _n4++; break;
        }
    }

    public readonly KneserNeyDiscounts Discounts() => KneserNeyDiscounts.Estimate(_n1, _n2, _n3, _n4);
}
