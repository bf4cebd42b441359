using Prebias.Core.Modeling;
using Transformer = Prebias.Core.Modeling.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>
/// Owns the optimiser state of one training run and takes optimiser steps exactly as llama2.c's train.py inner loop:
/// learning rate from the schedule, gradient accumulation (each micro-loss scaled by 1/steps), global-norm clipping,
/// AdamW step, gradients cleared. CPU runs in fp32 and are deterministic for a given seed, batches and thread count.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 has no autocast, so CUDA runs use fp32 weights and activations too (train.py would use bf16 autocast).
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly IReadOnlyList<Parameter> _parameters;

    /// <summary>Moves <paramref name="model"/> to the configured device, sets torch threads and seeds torch's generator.</summary>
    public Trainer(Transformer model, TrainingOptions options, long ignoreIndex = -1)
    {
        Model = model;
        Options = options;
        IgnoreIndex = ignoreIndex;
        if (options.Threads > 0) set_num_threads(options.Threads);
        random.manual_seed(options.Seed);
        Device = TorchDevices.Resolve(options.Device);
        model.MoveTo(Device);
        _parameters = model.UniqueParameters().ToList();
        Optimizer = OptimizerFactory.CreateAdamW(model, options);
        Schedule = new LearningRateSchedule(options);
    }

    public Transformer Model { get; }
    public TrainingOptions Options { get; }
    public AdamW Optimizer { get; }
    public LearningRateSchedule Schedule { get; }
    public Device Device { get; }

    /// <summary>Target value that the loss ignores (the dataset's padding label).</summary>
    public long IgnoreIndex { get; }

    /// <summary>The next optimiser step to take (0-based); equals the number of steps taken so far.</summary>
    public long Iteration { get; private set; }

    /// <summary>One optimiser step on the provider's micro-batches for <see cref="Iteration"/>.</summary>
    public StepResult Step(IBatchProvider batches, bool readLoss = true) =>
        Step(micro => batches.GetTrainBatch(Iteration, micro), readLoss);

    /// <summary>
    /// One optimiser step over <see cref="TrainingOptions.GradientAccumulationSteps"/> micro-batches produced by
    /// <paramref name="microBatch"/> (given the micro-step index). <paramref name="readLoss"/> false skips the
    /// device-to-host read of the loss.
    /// </summary>
    public StepResult Step(Func<int, TokenBatch> microBatch, bool readLoss = true)
    {
        var learningRate = Schedule.Get(Iteration);
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = learningRate;
        Model.train();

        using var scope = NewDisposeScope();
        var accumulation = Options.GradientAccumulationSteps;
        var lossSum = zeros(1, device: Device);
        long tokens = 0;
        for (var micro = 0; micro < accumulation; micro++)
        {
            using var microScope = NewDisposeScope();
            using var batch = microBatch(micro);
            tokens += batch.TokenCount;
            var (_, loss) = Model.Forward(batch.Inputs.to(Device), batch.Targets.to(Device), IgnoreIndex);
            // Scale so the accumulated gradient is the mean over micro-batches (train.py: loss / accumulation).
            (loss! / accumulation).backward();
            lossSum.add_(loss!.detach());
        }
        var gradNorm = Options.GradClip > 0
            ? nn.utils.clip_grad_norm_(_parameters, Options.GradClip)
            : double.NaN;
        Optimizer.step();
        Optimizer.zero_grad();
        float? meanLoss = readLoss ? lossSum.item<float>() / accumulation : null;
        return new StepResult(Iteration++, learningRate, meanLoss, gradNorm, tokens);
    }

    /// <summary>Mean loss over <paramref name="count"/> batches, in eval mode without gradients.</summary>
    public float EstimateLoss(Func<int, TokenBatch> batch, int count)
    {
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var sum = zeros(1, device: Device);
            for (var i = 0; i < count; i++)
            {
                using var inner = NewDisposeScope();
                using var b = batch(i);
                var (_, loss) = Model.Forward(b.Inputs.to(Device), b.Targets.to(Device), IgnoreIndex);
                sum.add_(loss!);
            }
            return sum.item<float>() / count;
        }
        finally
        {
            Model.train();
        }
    }

    /// <summary>train.py's estimate_loss: mean loss over EvalIters batches of each split, at the current iteration.</summary>
    public EvalResult Evaluate(IBatchProvider batches) => new(
        Iteration,
        EstimateLoss(i => batches.GetEvalBatch(EvalSplit.Train, i), Options.EvalIters),
        EstimateLoss(i => batches.GetEvalBatch(EvalSplit.Val, i), Options.EvalIters));

    /// <summary>Writes weights, optimiser state, RNG state and the iteration to <paramref name="directory"/> atomically.</summary>
    public CheckpointManifest SaveCheckpoint(string directory, IReadOnlyDictionary<string, string>? metadata = null) =>
        CheckpointStore.Save(directory, Model, Optimizer, Iteration, metadata);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/>; training continues at its iteration.</summary>
    public CheckpointManifest LoadCheckpoint(string directory)
    {
        var manifest = CheckpointStore.Load(directory, Model, Optimizer);
        Iteration = manifest.Step;
        return manifest;
    }

    /// <summary>
    /// Starts a new run from another run's checkpoint (a fine-tune): its weights, and its optimiser moments when
    /// <paramref name="keepOptimizer"/>, with this run's hyperparameters; training continues at iteration 0, so the
    /// learning-rate schedule and the order are this run's own.
    /// </summary>
    public CheckpointManifest StartFrom(string directory, bool keepOptimizer)
    {
        var manifest = CheckpointStore.LoadWeights(directory, Model, keepOptimizer ? Optimizer : null);
        // A saved AdamW carries its own betas and weight decay; the fine-tune's settings win.
        if (keepOptimizer) OptimizerFactory.ApplyHyperparameters(Optimizer, Options);
        Iteration = 0;
        return manifest;
    }

    public void Dispose() => Optimizer.Dispose();
}
