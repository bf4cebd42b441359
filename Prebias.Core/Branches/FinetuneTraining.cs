using Prebias.Core.Training;

namespace Prebias.Core.Branches;

/// <summary>
/// The training settings a fine-tune may change; each unset one is the parent's, except the schedule, which is always
/// new: warm-up (default a tenth of the fine-tune) then cosine decay over the fine-tune's steps.
/// </summary>
public sealed record FinetuneTraining
{
    public int? BatchSize { get; init; }
    public int? GradientAccumulationSteps { get; init; }
    public double? LearningRate { get; init; }
    public double? MinLr { get; init; }
    public long? WarmupIters { get; init; }
    public double? WeightDecay { get; init; }
    public double? GradClip { get; init; }

    /// <summary>Steps between checkpoints of the fine-tune (default: the parent's, at most the fine-tune's
    /// length).</summary>
    public long? EvalInterval { get; init; }
    public int? EvalIters { get; init; }

    /// <summary>The fine-tune's options: the parent's with these overrides and a schedule over
    /// <paramref name="steps"/>.</summary>
    public static TrainingOptions Apply(FinetuneTraining? overrides, TrainingOptions parent, long steps)
    {
        var o = overrides ?? new FinetuneTraining();
        return parent with
        {
            MaxIters = steps, DecayLr = true, LrDecayIters = null,
            BatchSize = o.BatchSize ?? parent.BatchSize,
            GradientAccumulationSteps = o.GradientAccumulationSteps ?? parent.GradientAccumulationSteps,
            LearningRate = o.LearningRate ?? parent.LearningRate, MinLr = o.MinLr ?? parent.MinLr,
            WarmupIters = o.WarmupIters ?? steps / 10,
            WeightDecay = o.WeightDecay ?? parent.WeightDecay, GradClip = o.GradClip ?? parent.GradClip,
            EvalInterval = o.EvalInterval ?? Math.Min(parent.EvalInterval, steps),
            EvalIters = o.EvalIters ?? parent.EvalIters,
        };
    }
}
