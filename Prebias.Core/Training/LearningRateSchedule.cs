namespace Prebias.Core.Training;

/// <summary>
/// llama2.c's get_lr (train.py): linear warm-up from 0 to the peak over warmup_iters, cosine decay to min_lr at
/// lr_decay_iters, then min_lr.
/// </summary>
public sealed class LearningRateSchedule(TrainingOptions options)
{
    /// <summary>Learning rate for optimiser step <paramref name="iteration"/> (0-based).</summary>
    public double Get(long iteration)
    {
        if (!options.DecayLr) return options.LearningRate;
        if (iteration < options.WarmupIters)
            return options.LearningRate * iteration / options.WarmupIters;
        var decayIters = options.EffectiveLrDecayIters;
        if (iteration > decayIters) return options.MinLr;
        var ratio = (double)(iteration - options.WarmupIters) / (decayIters - options.WarmupIters);
        var coefficient = 0.5 * (1.0 + Math.Cos(Math.PI * ratio)); // 1 -> 0
        return options.MinLr + coefficient * (options.LearningRate - options.MinLr);
    }
}
