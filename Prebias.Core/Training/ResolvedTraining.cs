namespace Prebias.Core.Training;

/// <summary>The training options a run uses, plus Prebias's checkpoint schedule; stored with the run as JSON.</summary>
public sealed record ResolvedTraining(TrainingOptions Options, bool LogSpacedCheckpoints)
{
    /// <summary>Samples per optimiser step: llama2.c's batch_size × gradient_accumulation_steps.</summary>
    public int SamplesPerStep => Options.BatchSize * Options.GradientAccumulationSteps;

    /// <summary>llama2.c's loop runs iterations 0..max_iters; the order must cover every micro-batch of them.</summary>
    public long SamplesNeeded => (Options.MaxIters + 1) * SamplesPerStep;

    /// <summary>Checkpoint steps: every EvalInterval, the end, and (optionally) 1, 2, 4, ... below the first interval.</summary>
    public bool IsCheckpointStep(long step) =>
        step % Options.EvalInterval == 0 || step == Options.MaxIters
        || (LogSpacedCheckpoints && step < Options.EvalInterval && (step & (step - 1)) == 0);
}
