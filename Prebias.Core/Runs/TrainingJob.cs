using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Branches;
using Prebias.Core.Corpora;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Torch;
using Prebias.Core.Training;

namespace Prebias.Core.Runs;

/// <summary>
/// Trains a run on the gpu queue (a CPU-only worker serves it too). Reentrant and resumable: the order is compiled
/// once into order.bin; a retried or re-delivered job (a worker killed with kill -9) loads the latest complete
/// checkpoint, forgets the rows written after it, and continues, so on CPU it ends with the same weights as an
/// uninterrupted run. Cancelling (DELETE /api/jobs/{id}) stops before the next step and keeps the last checkpoint.
/// </summary>
[ProducesResource(ResourceKind.Run)]
public sealed class TrainingJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, TokenizerCache tokenizers,
    RunOrders orders, RunStore runs, JobScheduler scheduler, JobRecordStore jobRecords, TorchThreadBudget threads)
{
    [Queue(JobQueues.Gpu)]
    // A user-facing failure (bad ordering, missing input) is final; anything else (a crash) is retried and resumes.
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 60], ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.SingleAsync(r => r.Id == runId, ct);
        if (run.State is RunState.Succeeded or RunState.Cancelled) return;
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var tokenizerRecord = await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct);
        var (model, training, ordering) = run.Config;

        CompiledOrder order;
        try
        {
            if (dataset.State != ResourceState.Ready) throw new OrderingException($"Dataset {dataset.Id} is {dataset.State}, not Ready.");
            progress.Report(0, "compiling the batch order");
            order = await orders.GetOrCompileAsync(run, ordering, training.SamplesNeeded, ct);
        }
        // A user-facing failure: final, not retried. The job state filter marks the run Failed with this message.
        catch (OrderingException ex)
        {
            throw new JobFailedException($"Run {run.Id} failed: {ex.Message}", ex);
        }

        if (threads.InUse == threads.Slots) progress.Report(0, "waiting for a free torch thread slot");
        using var lease = await threads.AcquireAsync(training.Options.Threads, ct);
        training = training with { Options = training.Options with { Threads = lease.Threads } };

        run.OrderSha256 = order.Hash;
        run.OrderLength = order.SampleIds.Length;
        run.DatasetSha256 = dataset.TokenStoreSha256;
        run.TokenizerSha256 = tokenizerRecord.Sha256;
        // A CPU run's weights depend on its thread count, so the count it trained with is kept with the versions.
        run.Versions = JsonSerializer.Serialize(new
        {
            torchSharp = TorchRuntime.TorchSharpVersion, libtorch = TorchRuntime.LibTorchVersion,
            dotnet = Environment.Version.ToString(), threads = lease.Threads,
        });
        run.State = RunState.Running;
        run.StartedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);

        var completed = Train(run, model, training, ordering, order, dataset, tokenizerRecord, ct);
        // Stopped early: a user's DELETE /api/jobs/{id} (the job is Deleted) cancels the run; a worker shutting down
        // does not: the job is handed back to Hangfire and resumes from its last checkpoint on the next worker.
        if (!completed && !(CurrentJob.Id is { } jobId && await jobRecords.GetStateAsync(jobId, CancellationToken.None) == JobStates.Deleted))
            throw new OperationCanceledException("The worker is shutting down; training resumes from the last checkpoint.", ct);

        run.State = completed ? RunState.Succeeded : RunState.Cancelled;
        run.CompletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
        progress.Report(1, completed ? $"trained {training.Options.MaxIters} steps" : $"cancelled at step {run.StepsDone}");
    }

    private bool Train(RunRecord run, ModelArgs args, ResolvedTraining training, OrderingSpec ordering, CompiledOrder order,
        DatasetRecord dataset, TokenizerRecord tokenizerRecord, CancellationToken ct)
    {
        var options = training.Options;
        var ledger = new OrderLedger(order, options.BatchSize, options.GradientAccumulationSteps);
        using var tokens = DatasetFolder.OpenTokens(store, dataset);
        var trainIds = orders.TrainIdsAsync(dataset.Id, ct).GetAwaiter().GetResult();
        var valIds = orders.ValIdsAsync(dataset.Id, ct).GetAwaiter().GetResult();
        var tokenizer = tokenizers.Get(tokenizerRecord);
        using var corpus = Branching.IsGenderSwap(run) ? CorpusFolder.Open(store, CorpusKey(dataset)) : null;
        var batches = Branching.IsGenderSwap(run)
            ? new OrderedBatchProvider(tokens, ledger, trainIds, valIds, run.Seed, options.BatchSize,
                new GenderSwappedRows(corpus!, tokenizer, tokens.RowLength, tokens.PadId).Get, run.BranchFromStep!.Value * training.SamplesPerStep)
            : new OrderedBatchProvider(tokens, ledger, trainIds, valIds, run.Seed, options.BatchSize);
        Branching.SeedFromParent(run, db, store);

        using var model = new Transformer(args, run.Seed);
        using var trainer = new Trainer(model, options, OrderedBatchProvider.IgnoreIndex);
        if (CheckpointStore.FindLatest(store.GetPathForMappedRead(run.ArtifactKey)) is { } latest)
        {
            trainer.LoadCheckpoint(latest.Directory);
            runs.ForgetAfter(run.Id, trainer.Iteration);
            progress.Report((double)trainer.Iteration / options.MaxIters, $"resumed from checkpoint {trainer.Iteration}");
        }
        else
        {
            runs.ForgetAfter(run.Id, -1);
            if (Branching.FineTuneStart(run, db, store) is { } start)
            {
                var keep = Branching.TransformOf(run) is FinetuneTransform { KeepsOptimizer: true };
                trainer.StartFrom(start, keep);
                progress.Report(0, $"fine-tuning from step {run.BranchFromStep} of run {run.ParentRunId}");
            }
        }

        var refresher = ordering.Method == OrderingMethods.Dynamic
            ? DynamicRefresher(run, ordering, training, ledger, order, tokens, tokenizer, trainIds, ct) : null;
        var observer = new CheckpointingObserver(run, training, ledger, batches, tokenizer, store, runs, progress,
            step =>
            {
                // Runs created with evaluate: true get each checkpoint evaluated as soon as it is written; not once the
                // run was cancelled (a DELETE marks it before it cancels its jobs, so none is enqueued behind its back).
                if (run.EvaluateCheckpoints && db.Runs.AsNoTracking().Where(r => r.Id == run.Id).Select(r => r.State).Single() == RunState.Running)
                    scheduler.EnqueueAsync<EvaluationJob>(JobQueues.Cpu, j => j.RunAsync(run.Id, new[] { step }, CancellationToken.None),
                        $"/api/runs/{run.Id}/saturation", CancellationToken.None).GetAwaiter().GetResult();
            }, refresher is null ? null : refresher.BeforeStep);
        return TrainingLoop.Run(trainer, batches, observer, ct);
    }

    private DynamicOrderRefresher DynamicRefresher(RunRecord run, OrderingSpec ordering, ResolvedTraining training, OrderLedger ledger,
        CompiledOrder order, TokenStore tokens, ITextTokenizer tokenizer, int[] trainIds, CancellationToken ct)
    {
        var values = ordering.ResolveMetric() is { } metric
            ? orders.MetricValuesAsync(run.DatasetId, metric.Name, trainIds, ct).GetAwaiter().GetResult() : [];
        return new DynamicOrderRefresher(ordering, training, ledger, order, store, run.OrderKey, tokens, tokenizer,
            run.Seed, trainIds, values,
            grown =>
            {
                // The order hash is that of the realised order: it changes at every refresh, as the checkpoints record.
                (run.OrderSha256, run.OrderLength) = (grown.Hash, grown.SampleIds.Length);
                runs.SetOrder(run.Id, grown.Hash, grown.SampleIds.Length);
            });
    }

    private string CorpusKey(DatasetRecord dataset) => db.Corpora.AsNoTracking().Single(c => c.Id == dataset.CorpusId).ArtifactKey;
}
