namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// Holm's (1979) step-down adjustment, which controls the family-wise error rate at α under any dependence between
/// the tests: with the m p-values sorted ascending, p̃_(i) = min(1, max_{j ≤ i} (m − j + 1) · p_(j)). The running
/// maximum keeps the adjusted values in the same order as the raw ones (monotonicity), so rejecting "p̃ &lt; α" is
/// exactly Holm's sequential procedure. NaN entries are not tests: they stay NaN and do not count in m.
/// </summary>
public static class HolmBonferroni
{
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        var adjusted = new double[pValues.Length];
        var order = new List<int>();
        for (var i = 0; i < pValues.Length; i++)
        {
            if (double.IsNaN(pValues[i])) adjusted[i] = double.NaN;
            else if (pValues[i] is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], "a p-value must be in [0, 1]");
            else order.Add(i);
        }
        var values = pValues.ToArray();
        order.Sort((x, y) => values[x].CompareTo(values[y]));
        var m = order.Count;
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * values[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
