using System.Diagnostics;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Ordering;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;
using Prebias.Core.Evaluation;

namespace Prebias.Core.Runs;

/// <summary>
/// The side effects of a run's training loop: loss rows, progress, and checkpoints (weights, optimiser and RNG
/// state, the attention probe, a row with what the checkpoint has seen) at every evaluation and at the log-spaced
/// early steps. A checkpoint at step k is taken before step k trains, as in train.py, so it has seen k·B·A samples.
/// </summary>
public sealed class CheckpointingObserver(
    RunRecord run, ResolvedTraining training, OrderLedger ledger, OrderedBatchProvider batches, ITextTokenizer tokenizer,
    IArtifactStore store, RunStore runs, JobProgress progress, Action<long>? onCheckpoint = null,
    Action<Trainer>? beforeStep = null) : ITrainingObserver
{
    // Loss rows are written in batches (one round trip per 50 steps), but at least every two seconds, so the
    // dashboard's loss chart follows a slow run live instead of lagging 50 steps behind its progress bar.
    private const int LossFlushEvery = 50;
    private static readonly TimeSpan LossFlushInterval = TimeSpan.FromSeconds(2);
    private readonly List<LossRecord> _losses = [];
    private TimeSpan _lastLossFlush;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private long _stepsSinceCheckpoint;
    private long? _tokensAtLastCheckpoint;
    private TimeSpan _lastCheckpointWall;

    public double? LastTokensPerSecond { get; private set; }

    public void BeforeStep(Trainer trainer) => beforeStep?.Invoke(trainer);

    public void OnStep(Trainer trainer, StepResult step)
    {
        _losses.Add(new LossRecord { RunId = run.Id, Step = step.Iteration, Loss = step.Loss ?? double.NaN, LearningRate = step.LearningRate, GradNorm = step.GradNorm });
        _stepsSinceCheckpoint++;
        if (_losses.Count >= LossFlushEvery || _wall.Elapsed - _lastLossFlush >= LossFlushInterval) Flush();
        var max = training.Options.MaxIters;
        progress.Report((double)trainer.Iteration / max, $"step {trainer.Iteration}/{max}, loss {step.Loss:F3}");

        // Log-spaced early checkpoints (1, 2, 4, ...); multiples of EvalInterval and the end come through OnEvaluation.
        var next = trainer.Iteration;
        if (next < max && next % training.Options.EvalInterval != 0 && training.IsCheckpointStep(next))
            Checkpoint(trainer, trainer.Evaluate(batches));
    }

    public void OnEvaluation(Trainer trainer, EvalResult eval) => Checkpoint(trainer, eval);

    private void Checkpoint(Trainer trainer, EvalResult eval)
    {
        Flush();
        var step = trainer.Iteration;
        var elapsed = _wall.Elapsed - _lastCheckpointWall;
        // Real tokens only: padding positions cost compute but teach nothing, so they count neither as seen nor in tokens/s.
        // The first checkpoint after a resume counts from the step it resumed at.
        var tokensBefore = _tokensAtLastCheckpoint ?? batches.TrainedTokensBefore(checked((int)(step - _stepsSinceCheckpoint)));
        var tokensSeen = batches.TrainedTokensBefore(checked((int)step));
        double? tokensPerSecond = _stepsSinceCheckpoint > 0 ? (tokensSeen - tokensBefore) / elapsed.TotalSeconds : null;
        if (tokensPerSecond is not null) LastTokensPerSecond = tokensPerSecond;

        CheckpointManifest manifest = null!;
        // Weights, optimiser, RNG and the attention probe appear together or not at all.
        store.WriteFolder(run.CheckpointKey(step), directory =>
        {
            manifest = trainer.SaveCheckpoint(directory, new Dictionary<string, string>
            {
                ["runId"] = run.Id.ToString(), ["orderSha256"] = run.OrderSha256 ?? "",
                ["samplesSeen"] = ledger.SamplesSeenBefore(checked((int)step)).ToString(),
            });
            AttentionProbe.Save(trainer.Model, tokenizer, directory);
        });
        runs.UpsertCheckpoint(new CheckpointRecord
        {
            RunId = run.Id, Step = step, SamplesSeen = ledger.SamplesSeenBefore(checked((int)step)),
            TokensSeen = tokensSeen,
            TrainLoss = eval.TrainLoss, ValLoss = eval.ValLoss, LearningRate = trainer.Schedule.Get(step),
            TokensPerSecond = tokensPerSecond, WallSeconds = _wall.Elapsed.TotalSeconds, WeightsSha256 = manifest.WeightsSha256,
        });
        runs.SetStepsDone(run.Id, step, tokensPerSecond);
        _stepsSinceCheckpoint = 0;
        _tokensAtLastCheckpoint = tokensSeen;
        _lastCheckpointWall = _wall.Elapsed;
        progress.Report((double)step / training.Options.MaxIters, $"checkpoint {step}: train loss {eval.TrainLoss:F3}, val loss {eval.ValLoss:F3}");
        onCheckpoint?.Invoke(step);
    }

    private void Flush()
    {
        runs.AppendLosses(run.Id, _losses);
        _losses.Clear();
        _lastLossFlush = _wall.Elapsed;
    }
}
