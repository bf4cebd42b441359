using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Torch;
using Prebias.Core.Validation;

namespace Prebias.Core.Runs;

/// <summary>
/// Starts a training run (<c>POST /api/runs</c>): checks the request once, resolves it against its dataset and
/// tokenizer into the exact configuration stored with the run, and enqueues training after the dataset's job.
/// </summary>
public sealed class RunLauncher(PrebiasDbContext db, JobScheduler scheduler, SampleMetricsStore metrics,
    IOptions<TorchOptions> torch)
{
    public async Task<LaunchResult> LaunchAsync(RunSpec spec, CancellationToken ct)
    {
        var (run, parentJob, errors) = await PrepareAsync(spec, ct);
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        db.Runs.Add(run!);
        await db.SaveChangesAsync(ct);
        var jobId = await EnqueueTrainingAsync(run!, parentJob, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(run!.Id.ToString(), jobId, Location(run.Id));
    }

    /// <summary>
    /// Validates a run request (each field's documented range first, before any lookup, so errors name the request's
    /// own fields) and resolves it into a run row, not yet saved. Experiments prepare all their runs this way before
    /// saving any of them.
    /// </summary>
    public async Task<PreparedRun> PrepareAsync(RunSpec spec, CancellationToken ct)
    {
        if (RunSpecValidator.Validate(spec) is { Count: > 0 } invalid)
            return PreparedRun.Invalid(invalid.ToDictionary());
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == spec.DatasetId, ct);
        if (dataset is null) return PreparedRun.Invalid("datasetId", $"No dataset '{spec.DatasetId}'.");
        if (dataset.State == ResourceState.Failed)
            return PreparedRun.Invalid("datasetId", $"Dataset {dataset.Id} failed: {dataset.Error}");
        var tokenizer = await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct);
        if (tokenizer.VocabSize is null)
            return PreparedRun.Invalid("datasetId", $"The dataset's tokenizer {tokenizer.Id} is not ready yet.");

        var (seeded, seedErrors) = RunSeeds.Apply(spec);
        var (model, training, ordering, errors) = RunSpecResolver.Resolve(seeded, tokenizer.VocabSize.Value, dataset.MaxSeqLen, torch.Value);
        foreach (var (field, messages) in seedErrors) errors[field] = messages;
        // A metric ordering needs that metric computed for the dataset (checked now when it can be known).
        if (errors.Count == 0 && dataset.State == ResourceState.Ready && ordering.ResolveMetric() is { } metric
            && !(await metrics.ComputedMetricsAsync(dataset.Id, ct)).Contains(metric.Name))
            errors["ordering.metric"] = [$"Metric '{metric.Name}' has not been computed for dataset {dataset.Id}: POST /api/datasets/{dataset.Id}/metrics first."];
        if (errors.Count > 0) return PreparedRun.Invalid(errors);

        var config = new RunConfig(model, training, ordering);
        var run = new RunRecord
        {
            Id = Guid.NewGuid(), Name = spec.Name, DatasetId = dataset.Id, Seed = training.Options.Seed, CreatedAt = DateTimeOffset.UtcNow,
            Model = config.Model, Training = config.Training, Ordering = config.Ordering,
            EvaluateCheckpoints = spec.Evaluate,
        };
        return new PreparedRun(run, dataset.State == ResourceState.Pending ? dataset.JobId : null, errors);
    }

    /// <summary>
    /// Training on the gpu queue, after <paramref name="parentJobId"/> when there is one; sets the run's job.
    /// </summary>
    public async Task<string> EnqueueTrainingAsync(RunRecord run, string? parentJobId, CancellationToken ct) =>
        run.JobId = await scheduler.EnqueueAfterAsync<TrainingJob>(parentJobId, JobQueues.Gpu, j => j.RunAsync(run.Id, CancellationToken.None),
            Location(run.Id), ct);

    public static string Location(Guid runId) => $"/api/runs/{runId}";
}
