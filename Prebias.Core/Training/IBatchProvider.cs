namespace Prebias.Core.Training;

/// <summary>
/// Supplies batches so the caller controls the sample order. Must be deterministic in its arguments: a resumed run
/// asks for the same (iteration, microStep) batches as an uninterrupted one. The trainer disposes returned batches.
/// </summary>
public interface IBatchProvider
{
    /// <summary>Micro-batch <paramref name="microStep"/> of optimiser step <paramref name="iteration"/>.</summary>
    TokenBatch GetTrainBatch(long iteration, int microStep);

    /// <summary>Evaluation batch number <paramref name="index"/> (0 ≤ index &lt; EvalIters) of a split.</summary>
    TokenBatch GetEvalBatch(EvalSplit split, int index);
}
