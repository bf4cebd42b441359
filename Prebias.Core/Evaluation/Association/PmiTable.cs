using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Ordering;

namespace Prebias.Core.Evaluation.Association;

/// <summary>
/// Pointwise mutual information between named word sets, counted per text (a text "holds" a set when any of its
/// lower-cased words is in the set): <c>PMI = log2(P(a,b) / (P(a) P(b)))</c> with every count raised by the smoothing
/// floor <c>α</c> (add-α; so a pair never seen together reads a finite, strongly negative PMI instead of −∞, and a
/// pair seen once in a few texts is pulled toward 0). The permutation null shuffles which texts hold set A (keeping
/// both marginals), so a PMI only counts when it beats what the same counts give by chance.
/// </summary>
public static class PmiTable
{
    /// <param name="texts">Each text as its lower-cased words.</param>
    /// <param name="sets">Named word sets (lower-case words).</param>
    /// <param name="pairs">Which (A, B) set names to score.</param>
    /// <param name="floor">The add-α smoothing floor (default 0.5).</param>
    /// <param name="permutations">Shuffles for the null (0: none; p-value NaN).</param>
    public static IReadOnlyList<PmiCell> Compute(IReadOnlyList<IReadOnlyList<string>> texts,
        IReadOnlyDictionary<string, IReadOnlySet<string>> sets, IReadOnlyList<(string A, string B)> pairs,
        double floor = 0.5, int permutations = 200, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floor);
        var holds = sets.ToDictionary(s => s.Key, s => texts.Select(t => t.Any(s.Value.Contains)).ToArray());
        var cells = new List<PmiCell>(pairs.Count);
        foreach (var (a, b) in pairs)
        {
            var inA = holds[a];
            var inB = holds[b];
            var observed = Pmi(inA, inB, floor, out var countA, out var countB, out var both);
            double nullSum = 0;
            var atLeast = 0;
            var shuffled = (bool[])inA.Clone();
            for (var p = 0; p < permutations; p++)
            {
                Shuffle(shuffled, Shuffler.Stream(unchecked((ulong)seed), p));
                var value = Pmi(shuffled, inB, floor, out _, out _, out _);
                nullSum += value;
                if (value >= observed) atLeast++;
            }
            cells.Add(new PmiCell(a, b, texts.Count, countA, countB, both, observed,
                permutations == 0 ? double.NaN : nullSum / permutations,
                permutations == 0 ? double.NaN : (1.0 + atLeast) / (1 + permutations), permutations));
        }
        return cells;
    }

    /// <summary>Smoothed PMI in bits from two indicator columns over the same texts.</summary>
    public static double Pmi(bool[] inA, bool[] inB, double floor, out int countA, out int countB, out int both)
    {
        countA = countB = both = 0;
        for (var i = 0; i < inA.Length; i++)
        {
            if (inA[i]) countA++;
            if (inB[i]) countB++;
            if (inA[i] && inB[i]) both++;
        }
        double n = inA.Length;
        return Math.Log2((both + floor) * n / ((countA + floor) * (countB + floor)));
    }

    private static void Shuffle(bool[] items, DeterministicRandom random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
