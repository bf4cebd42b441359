namespace Prebias.Core.Training;

/// <summary>
/// Optimisation settings, named after llama2.c's train.py globals (defaults are train.py's unless noted; a request
/// without them gets <see cref="TrainingPresets.Cpu"/>).
/// Sequence length comes from the batches (and <see cref="Modeling.ModelArgs.MaxSeqLen"/>).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Sequences per micro-batch. train.py: 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Micro-batches per optimiser step (effective batch = BatchSize × this). train.py: 4.</summary>
    public int GradientAccumulationSteps { get; init; } = 4;

    /// <summary>Total optimiser steps. train.py: 100000.</summary>
    public long MaxIters { get; init; } = 100_000;

    /// <summary>Peak learning rate. train.py: 5e-4.</summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>Learning rate after the cosine decay. train.py: 0.0.</summary>
    public double MinLr { get; init; }

    /// <summary>Linear warm-up steps. train.py: 1000.</summary>
    public long WarmupIters { get; init; } = 1000;

    /// <summary>Step at which the cosine reaches MinLr; null means MaxIters (train.py's choice).</summary>
    public long? LrDecayIters { get; init; }

    /// <summary>False keeps the learning rate constant (train.py's decay_lr). Default true.</summary>
    public bool DecayLr { get; init; } = true;

    /// <summary>AdamW decoupled weight decay, applied to ≥2-D parameters only. train.py: 0.1.</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>AdamW β1. train.py: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. train.py: 0.95.</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>Clip the global gradient norm to this; 0 disables. train.py: 1.0.</summary>
    public double GradClip { get; init; } = 1.0;

    /// <summary>Steps between evaluations (and checkpoints). train.py: 2000.</summary>
    public long EvalInterval { get; init; } = 2000;

    /// <summary>Batches per split when estimating the loss. train.py: 100.</summary>
    public int EvalIters { get; init; } = 100;

    /// <summary>Seed of the torch generator (initialisation, dropout). train.py seeds 1337 + rank.</summary>
    public long Seed { get; init; } = 1337;

    /// <summary>Torch intra-op threads; 0 leaves libtorch's default.</summary>
    public int Threads { get; init; }

    /// <summary>"cpu", "cuda", "cuda:N" or "auto" (cuda when available, else cpu). Default "cpu".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The step at which the cosine ends.</summary>
    public long EffectiveLrDecayIters => LrDecayIters ?? MaxIters;
}
