using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Torch;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Evaluates checkpoints of a run (the given steps, or every checkpoint not evaluated yet): generations and their
/// metrics, input metrics (window and cumulative, from the ledger), val loss and perplexity, bias probes and the
/// representation views. Reentrant: each checkpoint's results replace earlier ones in one transaction.
/// </summary>
[ProducesResource(ResourceKind.Run, OwnsState = false)]
public sealed class EvaluationJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, TokenizerCache tokenizers,
    SampleMetricsQueries queries, TorchThreadBudget threads, IOptions<EvaluationSettings> settings)
{
    /// <summary>Validation samples scored per checkpoint (the first ones of the val split, by id).</summary>
    public const int ValSamples = 128;

    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid runId, long[]? steps, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var tokenizer = tokenizers.Get(await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct));
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Step).ToListAsync(ct);
        var evaluated = await db.Evaluations.Where(e => e.RunId == runId).Select(e => e.Step).ToListAsync(ct);
        var todo = steps is { Length: > 0 } ? checkpoints.Where(c => steps.Contains(c.Step)).ToList() : checkpoints.Where(c => !evaluated.Contains(c.Step)).ToList();
        if (todo.Count == 0) { progress.Report(1, "nothing to evaluate"); return; }
        if (!store.Exists(run.OrderKey)) throw new JobFailedException($"Run {runId} has no compiled order yet.");

        var order = store.LoadOrder(run.OrderKey);
        var (valRows, valLengths) = await ValRowsAsync(dataset, ct);
        var options = new EvaluationOptions { Probe = new BiasProbeOptions() }
            with { Seed = run.Seed, MaxNewTokens = settings.Value.MaxNewTokens };
        // Outputs are scored against the same train-split 3-gram model as the samples (oov_rate, ngram_perplexity).
        var reference = await DatasetReferenceModel.GetOrBuildAsync(db, store, dataset, ct);
        var evaluator = new CheckpointEvaluator(tokenizer, options,
            new TextMetricsScorer(metrics: MetricRegistry.TextMetrics.Select(m => m.Name), reference: reference));

        if (threads.InUse == threads.Slots) progress.Report(0, "waiting for a free torch thread slot");
        using var lease = await threads.AcquireAsync(0, ct);
        var parts = new EvaluationPartTimer();
        for (var i = 0; i < todo.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var checkpoint = todo[i];
            progress.Report((double)i / todo.Count, $"evaluating checkpoint {checkpoint.Step} ({i + 1} of {todo.Count})");
            var previous = checkpoints.LastOrDefault(c => c.Step < checkpoint.Step);
            var (window, cumulative) = await InputMetricWindows.ComputeAsync(queries, dataset.Id, order, previous?.SamplesSeen ?? 0, checkpoint.SamplesSeen, ct);

            var key = run.CheckpointKey(checkpoint.Step);
            var directory = store.GetPathForMappedRead(key);
            if (CheckpointStore.ReadManifest(directory) is null) throw new JobFailedException($"Checkpoint {checkpoint.Step} of run {runId} is missing its files.");
            var results = EvaluateCheckpoint(evaluator, runId, checkpoint.Step, key, directory, valRows, valLengths,
                window, cumulative, lease, parts, ct);
            await results.ReplaceAsync(db, ct);
        }
        // bench experiment reads the name=seconds pairs after "seconds:" back from the job's message.
        progress.Report(1, $"evaluated {todo.Count} checkpoint(s); seconds: {parts}");
    }

    /// <summary>
    /// One checkpoint on the job's slot plus the slots free right now: evaluation results are not tied to a thread
    /// count the way a training run's weights are, so an evaluation alone uses every core, and a training job that
    /// starts meanwhile waits at most this one checkpoint for its slot.
    /// </summary>
    private EvaluationResults EvaluateCheckpoint(CheckpointEvaluator evaluator, Guid runId, long step, string key,
        string directory,
        List<IReadOnlyList<int>> valRows, List<int> valLengths, IReadOnlyDictionary<string, double?> window,
        IReadOnlyDictionary<string, double?> cumulative, TorchThreadLease lease, EvaluationPartTimer parts,
        CancellationToken ct)
    {
        using var wide = settings.Value.BorrowFreeThreads ? threads.BorrowFree(lease) : null;
        // After the caller's awaits this may be another OS thread, and torch keeps its thread count per OS thread.
        (wide ?? lease).Apply();
        using var model = CheckpointModels.Load(directory);
        // The evaluator adds its views to the checkpoint folder (each atomically, hashed into the manifest).
        EvaluationResults results = null!;
        store.UpdateFolder(key, folder => results = evaluator.Evaluate(runId, step, model, folder,
            valRows, valLengths, window, cumulative, ct, parts));
        return results;
    }

    private async Task<(List<IReadOnlyList<int>>, List<int>)> ValRowsAsync(DatasetRecord dataset, CancellationToken ct)
    {
        var ids = await db.Samples.AsNoTracking().Where(s => s.DatasetId == dataset.Id && s.Split == "val").OrderBy(s => s.Id)
            .Select(s => s.Id).Take(ValSamples).ToListAsync(ct);
        using var tokens = DatasetFolder.OpenTokens(store, dataset);
        return (ids.ConvertAll(id => (IReadOnlyList<int>)tokens.Read(id)), ids.ConvertAll(id => tokens.GetLength(id)));
    }
}
