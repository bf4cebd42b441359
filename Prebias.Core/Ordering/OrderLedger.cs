namespace Prebias.Core.Ordering;

/// <summary>
/// Which samples each optimizer step uses. As in llama2.c's train.py, step k (0-based <c>iter_num</c>) runs
/// <c>gradient_accumulation_steps</c> micro-batches of <c>batch_size</c>, so it consumes the order positions
/// [k·B·A, (k+1)·B·A), micro-batch m of it [k·B·A + m·B, k·B·A + (m+1)·B). Slices are views, not copies.
/// </summary>
public sealed class OrderLedger
{
    private CompiledOrder _order;

    public OrderLedger(CompiledOrder order, int batchSize, int gradAccumSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gradAccumSteps, 1);
        _order = order;
        BatchSize = batchSize;
        GradAccumSteps = gradAccumSteps;
    }

    /// <summary>
    /// Switches to <paramref name="longer"/>, an order that begins with the current one (a <c>dynamic</c> order grows
    /// window by window during training); positions already handed out keep their samples.
    /// </summary>
    public void Extend(CompiledOrder longer)
    {
        if (longer.Length < _order.Length || !longer.SampleIds.AsSpan(0, (int)_order.Length).SequenceEqual(_order.SampleIds))
            throw new ArgumentException("The new order does not begin with the current one.", nameof(longer));
        _order = longer;
    }

    public int BatchSize { get; }
    public int GradAccumSteps { get; }

    /// <summary>B·A: samples per optimizer step.</summary>
    public long SamplesPerStep => (long)BatchSize * GradAccumSteps;

    /// <summary>Whole steps the order can feed.</summary>
    public long StepCount => _order.Length / SamplesPerStep;

    /// <summary>Micro-batch <paramref name="microStep"/> (0 ≤ m &lt; A) of step <paramref name="step"/>: B ids.</summary>
    public ReadOnlyMemory<int> MicroBatch(int step, int microStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microStep);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(microStep, GradAccumSteps);
        return Slice(Start(step) + (long)microStep * BatchSize, BatchSize, $"micro-batch {microStep} of step {step}");
    }

    /// <summary>Samples seen once step <paramref name="step"/> has run (steps 0..step): (step+1)·B·A.</summary>
    public long SamplesSeen(int step) => Start(step) + SamplesPerStep;

    /// <summary>Samples seen before step <paramref name="step"/> runs: step·B·A. llama2.c saves the checkpoint of
    /// <c>iter_num = k</c> at the top of iteration k, before training on it, so that checkpoint has seen SamplesSeenBefore(k);
    /// it is also the splice position for a branch from that checkpoint.</summary>
    public long SamplesSeenBefore(int step) => Start(step);

    /// <summary>The ids used by steps in (<paramref name="stepA"/>, <paramref name="stepB"/>]; stepA = -1 starts at step 0.</summary>
    public ReadOnlyMemory<int> WindowBetween(int stepA, int stepB)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepA, -1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepB, stepA);
        var start = (stepA + 1L) * SamplesPerStep;
        return Slice(start, (stepB + 1L) * SamplesPerStep - start, $"steps {stepA + 1}..{stepB}");
    }

    /// <summary>Every id used by steps 0..<paramref name="step"/>, in order (with repeats across epochs).</summary>
    public ReadOnlyMemory<int> Cumulative(int step) => WindowBetween(-1, step);

    private long Start(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return step * SamplesPerStep;
    }

    private ReadOnlyMemory<int> Slice(long start, long length, string what)
    {
        if (start + length > _order.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"{what} needs order positions [{start:N0}, {start + length:N0}) but the order " +
                $"holds {_order.Length:N0} ({StepCount:N0} whole steps of {SamplesPerStep:N0}); compile it with samplesNeeded >= {start + length:N0}.");
        return _order.SampleIds.AsMemory((int)start, (int)length);
    }
}
