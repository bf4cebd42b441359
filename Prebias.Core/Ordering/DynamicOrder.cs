namespace Prebias.Core.Ordering;

/// <summary>
/// The pure part of the <c>dynamic</c> method: where windows fall, which samples a refresh scores, how a window is
/// drawn from weights, and how it is appended. Every random choice uses stream (refresh, part) of the run seed, so a
/// refresh is a function of the model's state at its step, the seed and the candidates alone, and a resumed run repeats
/// it.
/// </summary>
public static class DynamicOrder
{
    private const int PoolPart = 1, DrawPart = 2;

    /// <summary>Order positions of the window that starts at <paramref name="step"/>: refreshInterval steps; the last
    /// window runs to <paramref name="samplesNeeded"/>, so the order covers step max_iters like every compiled order
    /// (llama2.c's loop counts it; training stops before it).</summary>
    public static (long Start, int Length) Window(OrderingSpec spec, long step, int samplesPerStep, long samplesNeeded)
    {
        var start = step * samplesPerStep;
        var length = (long)spec.EffectiveRefreshInterval * samplesPerStep;
        if (start + length >= samplesNeeded - samplesPerStep) length = samplesNeeded - start;
        return (start, checked((int)Math.Max(0, length)));
    }

    /// <summary>The refresh number of the window starting at <paramref name="step"/>.</summary>
    public static int RefreshIndex(OrderingSpec spec,
        long step) => checked((int)(step / spec.EffectiveRefreshInterval));

    /// <summary>The loss policy's candidates: poolSize distinct eligible ids (all when fewer), by a partial seeded
    /// shuffle of the ids in ascending order.</summary>
    public static int[] Pool(IReadOnlyList<int> eligibleIds, int poolSize, long seed, int refresh)
    {
        var ids = eligibleIds.Order().ToArray();
        var take = Math.Min(poolSize, ids.Length);
        var random = Shuffler.Stream(unchecked((ulong)seed), refresh, PoolPart);
        for (var i = 0; i < take; i++)
        {
            var j = i + random.NextInt(ids.Length - i);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return ids[..take];
    }

    /// <summary>Draws a window of <paramref name="length"/> ids from <paramref name="candidates"/> with probabilities
    /// <paramref name="p"/> (with replacement) and summarises the weights.</summary>
    /// <param name="metric">The metric of each candidate (NaN = missing), or empty when the ordering has none.</param>
    /// <param name="seed">The ordering's seed (<see cref="OrderingSpec.Seed"/>, else the run seed), as for <see
    /// cref="Pool"/>.</param>
    public static (int[] Window, OrderRefresh Summary) Draw(OrderingSpec spec, long step, long start, int length,
        ReadOnlySpan<int> candidates, double[] p, ReadOnlySpan<double> metric, long seed)
    {
        var refresh = RefreshIndex(spec, step);
        var window = new int[length];
        WeightedDraw.Fill(candidates, p, window, Shuffler.Stream(unchecked((ulong)seed), refresh, DrawPart));
        double? candidateMean = null, weightedMean = null, windowMean = null;
        if (metric.Length == candidates.Length && metric.Length > 0)
        {
            var byId = new Dictionary<int, double>(candidates.Length);
            for (var i = 0; i < candidates.Length; i++) byId[candidates[i]] = metric[i];
            candidateMean = Finite(Mean(metric));
            weightedMean = Finite(SamplingWeights.WeightedMean(p, metric));
            windowMean = Finite(Mean(window.Select(id => byId[id]).ToArray()));
        }
        var entropy = SamplingWeights.Entropy(p);
        var summary = new OrderRefresh
        {
            Refresh = refresh, Step = step, WindowStart = start, WindowLength = length, Policy = spec.EffectivePolicy,
            Candidates = candidates.Length, Entropy = entropy,
            NormalizedEntropy = candidates.Length > 1 ? entropy / Math.Log(candidates.Length) : 1,
            EffectiveSampleSize = SamplingWeights.EffectiveSampleSize(p), MinWeight = p.Min(), MaxWeight = p.Max(),
            Metric = spec.Metric, CandidateMetricMean = candidateMean, WeightedMetricMean = weightedMean,
                WindowMetricMean = windowMean,
        };
        return (window, summary);
    }

    /// <summary>The order with <paramref name="window"/> appended at <paramref name="start"/>; the prefix must be
    /// whole.</summary>
    public static CompiledOrder Append(CompiledOrder order, long start, int[] window)
    {
        if (start != order.Length)
            throw new InvalidOperationException(
                $"A dynamic window starts at position {start:N0} but the order holds {order.Length:N0}.");
        var ids = GC.AllocateUninitializedArray<int>(checked((int)(order.Length + window.Length)));
        order.SampleIds.CopyTo(ids, 0);
        window.CopyTo(ids, order.Length);
        return new CompiledOrder(ids, order.EligibleCount, order.Epochs, order.ExcludedMissing, order.ExcludedByFilter);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var n = 0;
        foreach (var v in values) if (double.IsFinite(v)) (sum, n) = (sum + v, n + 1);
        return n > 0 ? sum / n : double.NaN;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
