namespace Prebias.Core.Training;

/// <summary>
/// The training defaults, in one place. <see cref="TrainingOptions"/>' own initialisers are llama2.c train.py's
/// globals (a GPU run of 100k steps at batch 128 × 4); <see cref="Cpu"/> is the one preset a request without a
/// <c>training</c> section gets: the same optimiser, shrunk to a run that finishes on a laptop CPU in minutes.
/// </summary>
public static class TrainingPresets
{
    /// <summary>train.py as written (<c>batch_size = 128</c>, <c>gradient_accumulation_steps = 4</c>, ...).</summary>
    public static readonly TrainingOptions TrainPy = new();

    /// <summary>Steps of a CPU run when the request does not say.</summary>
    public const long CpuMaxIters = 200;

    /// <summary>
    /// train.py's optimiser (learning rate, AdamW betas and decay, clipping) with CPU-sized steps: 32 sequences per
    /// step without accumulation, warm-up over the first tenth (train.py's 1000 steps at most), a checkpoint at each
    /// quarter and 10 evaluation batches instead of 100.
    /// </summary>
    public static TrainingOptions Cpu(long maxIters = CpuMaxIters) => TrainPy with
    {
        BatchSize = 32,
        GradientAccumulationSteps = 1,
        MaxIters = maxIters,
        WarmupIters = Math.Min(TrainPy.WarmupIters, maxIters / 10),
        EvalInterval = Math.Max(1, maxIters / 4),
        EvalIters = 10,
    };
}
