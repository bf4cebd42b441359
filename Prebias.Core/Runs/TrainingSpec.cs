namespace Prebias.Core.Runs;

/// <summary>
/// Training settings of a run; unset fields take llama2.c train.py's values scaled for a CPU demo (see
/// <see cref="Training.TrainingPresets.Cpu"/>). Checkpoints are written every <see cref="EvalInterval"/> steps and, like Pythia's,
/// at the log-spaced steps 1, 2, 4, 8, ... below it when <see cref="LogSpacedCheckpoints"/> is on.
/// </summary>
public sealed record TrainingSpec
{
    public int? BatchSize { get; init; }
    public int? GradientAccumulationSteps { get; init; }
    public long? MaxIters { get; init; }
    public double? LearningRate { get; init; }
    public double? MinLr { get; init; }
    public long? WarmupIters { get; init; }
    public long? LrDecayIters { get; init; }
    public double? WeightDecay { get; init; }
    public double? Beta1 { get; init; }
    public double? Beta2 { get; init; }
    public double? GradClip { get; init; }
    public long? EvalInterval { get; init; }
    public int? EvalIters { get; init; }
    public bool LogSpacedCheckpoints { get; init; } = true;

    /// <summary>Torch threads for this run; default: the worker's Prebias:Torch:Threads.</summary>
    public int? Threads { get; init; }

    /// <summary>auto, cpu or cuda; default: the worker's Prebias:Torch:Device.</summary>
    public string? Device { get; init; }
}
