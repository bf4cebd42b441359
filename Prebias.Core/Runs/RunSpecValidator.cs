using Prebias.Core.Validation;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;
using Prebias.Core.Training;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Runs;

/// <summary>
/// The documented range of every field of a run request, and the products of the resolved configuration (order
/// length, micro-batch tokens, parameters), computed with overflow-checked arithmetic. Also used for the model,
/// training and orderings of a durability experiment.
/// </summary>
public static class RunSpecValidator
{
    public static FieldErrors Validate(RunSpec spec)
    {
        var errors = ValidateTemplate(spec);
        ValidateOrdering(spec.Ordering, "ordering", errors);
        return errors;
    }

    /// <summary>The fields a run and a durability experiment share: name, model and training.</summary>
    public static FieldErrors ValidateTemplate(RunTemplate template)
    {
        var errors = new FieldErrors().MaxLength("name", template.Name, L.NameChars);
        ValidateModel(template.Model, errors);
        ValidateTraining(template.Training, errors);
        return errors;
    }

    public static void ValidateModel(ModelSpec? model, FieldErrors errors)
    {
        if (model is null) return;
        errors.MaxLength("model.preset", model.Preset, L.ShortTextChars)
            .Range("model.dim", model.Dim, 1, L.MaxDim)
            .Range("model.nLayers", model.NLayers, 1, L.MaxLayers)
            .Range("model.nHeads", model.NHeads, 1, L.MaxHeads)
            .Range("model.nKvHeads", model.NKvHeads, 1, L.MaxHeads)
            .Range("model.vocabSize", model.VocabSize, 1, L.MaxVocabSize)
            .Range("model.hiddenDim", model.HiddenDim, 1, L.MaxHiddenDim)
            .Range("model.multipleOf", model.MultipleOf, 1, L.MaxMultipleOf)
            .Range("model.maxSeqLen", model.MaxSeqLen, 1, L.MaxSeqLen);
        if (model.Dropout is { } dropout && !(dropout >= 0 && dropout < 1)) errors.Add("model.dropout", "model.dropout must be in [0, 1).");
    }

    public static void ValidateTraining(TrainingSpec? training, FieldErrors errors)
    {
        if (training is null) return;
        errors.Range("training.batchSize", training.BatchSize, 1, L.MaxBatchSize)
            .Range("training.gradientAccumulationSteps", training.GradientAccumulationSteps, 1, L.MaxGradientAccumulationSteps)
            .Range("training.maxIters", training.MaxIters, 1, L.MaxIters)
            .RangeExclusiveMin("training.learningRate", training.LearningRate, 0, L.MaxLearningRate)
            .Range("training.minLr", training.MinLr, 0, L.MaxLearningRate)
            .Range("training.warmupIters", training.WarmupIters, 0, L.MaxIters)
            .Range("training.lrDecayIters", training.LrDecayIters, 1, L.MaxIters)
            .Range("training.weightDecay", training.WeightDecay, 0, L.MaxWeightDecay)
            .Range("training.gradClip", training.GradClip, 0, L.MaxGradClip)
            .Range("training.evalInterval", training.EvalInterval, 1, L.MaxIters)
            .Range("training.evalIters", training.EvalIters, 1, L.MaxEvalIters)
            .Range("training.threads", training.Threads, 0, L.MaxThreads)
            .MaxLength("training.device", training.Device, L.ShortTextChars);
        // AdamW's moment decays: 1 would never forget, negative values make the second moment negative.
        foreach (var (field, beta) in new[] { ("training.beta1", training.Beta1), ("training.beta2", training.Beta2) })
            if (beta is { } b && !(b >= 0 && b < 1)) errors.Add(field, $"{field} must be in [0, 1).");
    }

    public static void ValidateOrdering(OrderingSpec? ordering, string field, FieldErrors errors)
    {
        if (ordering is null) return;
        errors.MaxLength($"{field}.method", ordering.Method, L.ShortTextChars)
            .MaxLength($"{field}.metric", ordering.Metric, L.ShortTextChars)
            .MaxLength($"{field}.order", ordering.Order, L.ShortTextChars)
            .Range($"{field}.min", ordering.Min, double.MinValue, double.MaxValue)
            .Range($"{field}.max", ordering.Max, double.MinValue, double.MaxValue)
            // Curriculum buckets hold arrays per bucket: 5e8 buckets would allocate about 6 GB.
            .Range($"{field}.buckets", ordering.Buckets, 1, L.MaxBuckets)
            .RangeExclusiveMin($"{field}.pacing", ordering.Pacing, 0, 1)
            .MaxLength($"{field}.policy", ordering.Policy, L.ShortTextChars)
            .Range($"{field}.refreshInterval", ordering.RefreshInterval, 1, L.MaxRefreshInterval)
            // Every refresh of the loss policy scores its pool with a forward pass: bound its cost.
            .Range($"{field}.poolSize", ordering.PoolSize, 1, L.MaxPoolSize)
            .Range($"{field}.alpha", ordering.Alpha, 0, L.MaxSamplingExponent)
            .RangeExclusiveMin($"{field}.temperature", ordering.Temperature, 0, L.MaxSamplingExponent)
            .Range($"{field}.floor", ordering.Floor, 0, 0.999)
            .RangeExclusiveMin($"{field}.beta", ordering.Beta, 0, L.MaxSamplingExponent)
            .Range($"{field}.target", ordering.Target, double.MinValue, double.MaxValue);
    }

    /// <summary>Products of the resolved configuration, which the per-field ranges alone do not bound.</summary>
    public static void ValidateResolved(ModelArgs model, TrainingOptions training, FieldErrors errors)
    {
        ValidateOrderPositions("training.maxIters", training.MaxIters, training.BatchSize, training.GradientAccumulationSteps, errors);
        var microBatchTokens = checked((long)training.BatchSize * model.MaxSeqLen);
        if (microBatchTokens > L.MaxMicroBatchTokens)
            errors.Add("training.batchSize", $"batchSize × model.maxSeqLen is {microBatchTokens} tokens per micro-batch; at most {L.MaxMicroBatchTokens}.");
        var parameters = EstimatedParameters(model);
        if (parameters is null or > L.MaxParameters)
            errors.Add("model", $"The model would have {parameters?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "too many"} parameters; at most {L.MaxParameters}.");
    }

    /// <summary>The compiled order holds (maxIters + 1) × batchSize × gradientAccumulationSteps int32 sample ids.</summary>
    public static void ValidateOrderPositions(string field, long maxIters, int batchSize, int gradientAccumulationSteps, FieldErrors errors)
    {
        try
        {
            var positions = checked((maxIters + 1) * batchSize * gradientAccumulationSteps);
            if (positions > L.MaxOrderPositions)
                errors.Add(field, $"(maxIters + 1) × batchSize × gradientAccumulationSteps is {positions} order positions; at most {L.MaxOrderPositions}.");
        }
        catch (OverflowException)
        {
            errors.Add(field, "(maxIters + 1) × batchSize × gradientAccumulationSteps overflows.");
        }
    }

    /// <summary>llama2.c's parameter count (tied embeddings), or null when it overflows a long.</summary>
    public static long? EstimatedParameters(ModelArgs model)
    {
        try
        {
            long dim = model.Dim, hidden = FeedForward.ComputeHiddenDim(model), kv = checked((long)model.EffectiveKvHeads * model.HeadDim);
            var attention = checked(2 * dim * dim + 2 * dim * kv);
            var block = checked(attention + 3 * dim * hidden + 2 * dim);
            return checked(model.NLayers * block + (long)model.VocabSize * dim + dim);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
