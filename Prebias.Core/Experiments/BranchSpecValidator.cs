using Prebias.Core.Validation;
using Prebias.Core.Runs;
using Prebias.Core.Branches;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Experiments;

/// <summary>The documented ranges of a branch request; whether the parent has the checkpoint is checked by the API.</summary>
public static class BranchSpecValidator
{
    public static FieldErrors Validate(BranchSpec spec)
    {
        var errors = new FieldErrors().MaxLength("name", spec.Name, L.NameChars)
            .Range("fromStep", spec.FromStep, 0, L.MaxIters)
            .Range("steps", spec.Steps, 1, L.MaxIters);
        switch (spec.Transform)
        {
            case FilterTransform filter:
                errors.MaxLength("transform.metric", filter.Metric, L.ShortTextChars)
                    .Range("transform.min", filter.Min, double.MinValue, double.MaxValue)
                    .Range("transform.max", filter.Max, double.MinValue, double.MaxValue);
                break;
            case OrderingTransform ordering:
                RunSpecValidator.ValidateOrdering(ordering.Ordering, "transform.ordering", errors);
                break;
            case FinetuneTransform finetune:
                ValidateFineTune(finetune, "transform", errors);
                break;
        }
        return errors;
    }

    /// <summary>A fine-tune's own fields, under <paramref name="field"/> (a branch's transform, an experiment's
    /// finetune).</summary>
    public static void ValidateFineTune(FinetuneTransform finetune, string field, FieldErrors errors)
    {
        if (finetune.DatasetId == Guid.Empty)
            errors.Add($"{field}.datasetId", $"{field}.datasetId names the fine-tune dataset.");
        errors.Range($"{field}.steps", finetune.Steps, 1, L.MaxIters);
        if (finetune.Optimizer is { } optimizer && !FinetuneTransform.OptimizerModes.Contains(optimizer))
            errors.Add($"{field}.optimizer",
                $"{field}.optimizer must be {string.Join(" or ", FinetuneTransform.OptimizerModes)}.");
        RunSpecValidator.ValidateOrdering(finetune.Ordering, $"{field}.ordering", errors);
        if (finetune.Training is not { } t) return;
        var training = $"{field}.training";
        errors.Range($"{training}.batchSize", t.BatchSize, 1, L.MaxBatchSize)
            .Range($"{training}.gradientAccumulationSteps", t.GradientAccumulationSteps, 1,
                L.MaxGradientAccumulationSteps)
            .RangeExclusiveMin($"{training}.learningRate", t.LearningRate, 0, L.MaxLearningRate)
            .Range($"{training}.minLr", t.MinLr, 0, L.MaxLearningRate)
            .Range($"{training}.warmupIters", t.WarmupIters, 0, L.MaxIters)
            .Range($"{training}.weightDecay", t.WeightDecay, 0, L.MaxWeightDecay)
            .Range($"{training}.gradClip", t.GradClip, 0, L.MaxGradClip)
            .Range($"{training}.evalInterval", t.EvalInterval, 1, L.MaxIters)
            .Range($"{training}.evalIters", t.EvalIters, 1, L.MaxEvalIters);
    }
}
