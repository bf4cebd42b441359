namespace Prebias.Core.Ordering;

/// <summary>
/// Compiles an <see cref="OrderingSpec"/> into the sample-id order a run trains on, and derives branch orders.
/// Pure and deterministic: the same spec, sample set, values, seed and length give the same ids and hash on
/// any machine. Epochs: enough whole epochs to cover <c>samplesNeeded</c> (at least one). shuffle and threshold draw a
/// fresh seeded shuffle per epoch; curriculum re-draws each epoch under the same pacing clock; the sorted methods
/// (sort_asc, sort_desc, sorted_threshold, interleave) repeat the same order every epoch.
/// </summary>
public static class OrderingCompiler
{
    /// <param name="trainSampleIds">Distinct train sample ids, in any order (the result depends only on the set).</param>
    /// <param name="metricValues">Aligned with <paramref name="trainSampleIds"/>; NaN = missing (excluded and counted).
    /// May be empty for shuffle.</param>
    /// <param name="seed">The run seed; <see cref="OrderingSpec.Seed"/> overrides it.</param>
    /// <param name="samplesNeeded">Samples the run will consume (steps · batch · grad-accum); also the curriculum's pacing clock.</param>
    /// <exception cref="OrderingException">Invalid spec, metric not computed, or nothing left after filtering.</exception>
    public static CompiledOrder Compile(OrderingSpec spec, IReadOnlyList<int> trainSampleIds, ReadOnlySpan<double> metricValues,
        long seed, long samplesNeeded)
    {
        spec.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(samplesNeeded);
        var metric = spec.UsesMetric ? spec.Metric : null;
        var samples = EligibleSamples.Select(trainSampleIds, metricValues, metric, spec.Filter, spec.Method);
        var n = samples.Count;
        // A dynamic order is decided during training (DynamicOrder); it starts empty.
        if (spec.Method == OrderingMethods.Dynamic)
            return new CompiledOrder([], n, 1, samples.ExcludedMissing, samples.ExcludedByFilter);
        var epochs = Math.Max(1L, (samplesNeeded + n - 1) / n);
        if (epochs * n > Array.MaxLength)
            throw new OrderingException($"{samplesNeeded:N0} samples need {epochs:N0} epochs of {n:N0}: more than one order can hold.");
        var output = GC.AllocateUninitializedArray<int>((int)(epochs * n));
        var randomSeed = unchecked((ulong)(spec.Seed ?? seed));

        switch (spec.Method)
        {
            case OrderingMethods.Shuffle or OrderingMethods.Threshold:
                for (var e = 0; e < epochs; e++)
                {
                    var epoch = output.AsSpan(e * n, n);
                    samples.Ids.AsSpan(0, n).CopyTo(epoch);
                    Shuffler.Shuffle(epoch, Shuffler.Stream(randomSeed, e));
                }
                break;
            case OrderingMethods.Curriculum:
                var clock = samplesNeeded > 0 ? samplesNeeded : n;
                CurriculumBuilder.Fill(SampleSorter.Sort(samples, spec.Descending), spec.EffectiveBuckets, spec.EffectivePacing,
                    clock, randomSeed, output, (int)epochs);
                break;
            case OrderingMethods.Interleave:
                Repeat(SampleSorter.Interleave(SampleSorter.Sort(samples, descending: false)), output);
                break;
            default: // sort_asc, sort_desc, sorted_threshold
                Repeat(SampleSorter.Sort(samples, spec.Descending), output);
                break;
        }
        return new CompiledOrder(output, n, (int)epochs, samples.ExcludedMissing, samples.ExcludedByFilter);
    }

    /// <summary>A branch order: the parent's first <paramref name="fromPosition"/> ids, then all of <paramref name="tail"/>.
    /// For a branch from the checkpoint of step k use <c>fromPosition = ledger.SamplesSeenBefore(k)</c>.</summary>
    public static CompiledOrder Splice(CompiledOrder parent, long fromPosition, CompiledOrder tail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromPosition, parent.Length);
        if (fromPosition + tail.Length > Array.MaxLength) throw new OrderingException("The spliced order is longer than one order can hold.");
        var ids = GC.AllocateUninitializedArray<int>((int)(fromPosition + tail.Length));
        parent.SampleIds.AsSpan(0, (int)fromPosition).CopyTo(ids);
        tail.SampleIds.CopyTo(ids.AsSpan((int)fromPosition));
        return new CompiledOrder(ids, tail.EligibleCount, tail.Epochs, tail.ExcludedMissing, tail.ExcludedByFilter, fromPosition);
    }

    /// <summary>A branch with a new ordering after <paramref name="fromPosition"/>: compiles <paramref name="spec"/> for the
    /// remaining <c>samplesNeeded - fromPosition</c> samples (its pacing clock starts at the branch) and splices it on.</summary>
    /// <param name="samplesNeeded">Samples the whole branch run consumes, prefix included.</param>
    public static CompiledOrder Continue(CompiledOrder parent, long fromPosition, OrderingSpec spec, IReadOnlyList<int> trainSampleIds,
        ReadOnlySpan<double> metricValues, long seed, long samplesNeeded)
    {
        var tail = Compile(spec, trainSampleIds, metricValues, seed, Math.Max(0, samplesNeeded - fromPosition));
        return Splice(parent, fromPosition, tail);
    }

    /// <summary>The <c>filter</c> branch transform: keeps the parent's order up to <paramref name="fromPosition"/>, then the
    /// parent's own continuation with every sample that fails <paramref name="rule"/> dropped (missing values and ids not in
    /// <paramref name="trainSampleIds"/> fail). If that is shorter than the branch needs, the filtered continuation repeats.</summary>
    /// <param name="samplesNeeded">Samples the whole branch run consumes, prefix included.</param>
    public static CompiledOrder Filter(CompiledOrder parent, long fromPosition, MetricFilter rule, IReadOnlyList<int> trainSampleIds,
        ReadOnlySpan<double> metricValues, long samplesNeeded) =>
        OrderFilter.Apply(parent, fromPosition, rule, trainSampleIds, metricValues, samplesNeeded);

    private static void Repeat(int[] epoch, int[] output)
    {
        for (var start = 0; start < output.Length; start += epoch.Length) epoch.CopyTo(output, start);
    }
}
