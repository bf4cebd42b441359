using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Storage;
using Prebias.Core.Torch;
using Prebias.Core.Training;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary><c>/api/runs</c>: train the llama2.c model on a dataset in a chosen order; checkpoints, losses, ledger, exports.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs").WithTags("Runs");
        group.MapPost("", CreateRun).WithName("CreateRun")
            .WithSummary("Train a llama2.c model on a dataset with a batch ordering (shuffle, sort_asc/desc, threshold, sorted_threshold, curriculum, interleave)");
        group.MapGet("", ListRuns).WithName("ListRuns").WithSummary("List runs, newest first");
        group.MapGet("{id:guid}", GetRun).WithName("GetRun").WithSummary("A run: state, resolved config, hashes of dataset, tokenizer and order, versions, throughput");
        group.MapGet("{id:guid}/checkpoints", ListCheckpoints).WithName("ListCheckpoints")
            .WithSummary("Checkpoints: step, tokens and samples seen, train/val loss, learning rate, tokens/s, wall time, weights sha256");
        group.MapGet("{id:guid}/losses", GetLosses).WithName("GetLosses").WithSummary("Loss history per step; ?format=json|csv|parquet");
        group.MapGet("{id:guid}/steps/{step:long}/samples", GetStepSamples).WithName("GetStepSamples")
            .WithSummary("The ledger: sample ids that optimiser step k trained on, per micro-batch");
        group.MapGet("{id:guid}/checkpoints/{step:long}/export/llama2c", ExportLlama2c).WithName("ExportLlama2c").AddEndpointFilter<CheckpointETagFilter>()
            .WithSummary("The checkpoint as llama2.c's legacy model.bin (version 0), for run.c");
        group.MapGet("{id:guid}/checkpoints/{step:long}/export/safetensors", ExportSafetensors).WithName("ExportSafetensors").AddEndpointFilter<CheckpointETagFilter>()
            .WithSummary("The checkpoint's weights as safetensors with llama2.c parameter names");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem>> CreateRun(
        RunSpec spec, PrebiasDbContext db, JobScheduler scheduler, SampleMetricsStore metrics, IOptions<TorchOptions> torch, CancellationToken ct)
    {
        var (run, parentJob, errors) = await PrepareAsync(spec, db, metrics, torch.Value, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        db.Runs.Add(run!);
        await db.SaveChangesAsync(ct);
        run!.JobId = await scheduler.EnqueueAfterAsync<TrainingJob>(parentJob, JobQueues.Gpu, j => j.RunAsync(run.Id, CancellationToken.None), $"/api/runs/{run.Id}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/runs/{run.Id}", new AcceptedJob(run.Id.ToString(), run.JobId));
    }

    /// <summary>Validates a run request against its dataset and resolves it into a run row (not yet saved).</summary>
    public static async Task<(RunRecord? Run, string? ParentJobId, Dictionary<string, string[]> Errors)> PrepareAsync(
        RunSpec spec, PrebiasDbContext db, SampleMetricsStore metrics, TorchOptions torch, CancellationToken ct)
    {
        if (RunSpecValidator.Validate(spec) is { Count: > 0 } invalid) return (null, null, invalid.ToDictionary());
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == spec.DatasetId, ct);
        if (dataset is null) return (null, null, new() { ["datasetId"] = [$"No dataset '{spec.DatasetId}'."] });
        if (dataset.State == ResourceState.Failed) return (null, null, new() { ["datasetId"] = [$"Dataset {dataset.Id} failed: {dataset.Error}"] });
        var tokenizer = await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct);
        if (tokenizer.VocabSize is null) return (null, null, new() { ["datasetId"] = [$"The dataset's tokenizer {tokenizer.Id} is not ready yet."] });

        var (seeded, seedErrors) = RunSeeds.Apply(spec);
        var (model, training, ordering, errors) = RunSpecResolver.Resolve(seeded, tokenizer.VocabSize.Value, dataset.MaxSeqLen, torch);
        foreach (var (field, messages) in seedErrors) errors[field] = messages;
        // A metric ordering needs that metric computed for the dataset (checked now when it can be known).
        if (errors.Count == 0 && dataset.State == ResourceState.Ready && ordering.ResolveMetric() is { } metric
            && !(await metrics.ComputedMetricsAsync(dataset.Id, ct)).Contains(metric.Name))
            errors["ordering.metric"] = [$"Metric '{metric.Name}' has not been computed for dataset {dataset.Id}: POST /api/datasets/{dataset.Id}/metrics first."];
        if (errors.Count > 0) return (null, null, errors);

        var run = new RunRecord
        {
            Id = Guid.NewGuid(), Name = spec.Name, DatasetId = dataset.Id, Seed = training.Options.Seed, CreatedAt = DateTimeOffset.UtcNow,
            Model = JsonSerializer.Serialize(model, JsonDefaults.Options), Training = JsonSerializer.Serialize(training, JsonDefaults.Options),
            Ordering = JsonSerializer.Serialize(ordering, JsonDefaults.Options), EvaluateCheckpoints = spec.Evaluate,
        };
        return (run, dataset.State == ResourceState.Pending ? dataset.JobId : null, errors);
    }

    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<RunResponse>>, ValidationProblem>> ListRuns(int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct) =>
        ListPaging.Problems(limit, offset) is { } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok((await ListPaging.PageAsync(db.Runs.AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id), limit, offset, http, ct)).ConvertAll(RunResponse.From));

    public static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRun(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } run
            ? TypedResults.Ok(RunResponse.From(run)) : RunNotFound(id);

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> ListCheckpoints(Guid id, string? format, HttpRequest http, PrebiasDbContext db,
        CancellationToken ct)
    {
        // The request is checked before anything is looked up.
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return RunNotFound(id);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == id).OrderBy(c => c.Step)
            .ToListAsync(ct);
        return RecordTable.Result(checkpoints, tableFormat, $"checkpoints-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> GetLosses(Guid id, string? format, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return RunNotFound(id);
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var losses = await db.Losses.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Step).ToListAsync(ct);
        // Validation loss is measured at checkpoints only: the other steps leave the column empty.
        var valLoss = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == id && c.ValLoss != null)
            .ToDictionaryAsync(c => c.Step, c => c.ValLoss, ct);
        var rows = losses.ConvertAll(l =>
            new LossResponse(l.Step, l.Loss, valLoss.GetValueOrDefault(l.Step), l.LearningRate, l.GradNorm));
        return RecordTable.Result(rows, tableFormat, $"losses-{id:N}");
    }

    public static async Task<Results<Ok<StepSamplesResponse>, ProblemHttpResult>> GetStepSamples(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return RunNotFound(id);
        var training = JsonSerializer.Deserialize<ResolvedTraining>(run.Training, JsonDefaults.Options)!.Options;
        if (step < 0 || step > training.MaxIters) return Problems.NotFound("Step out of range", $"Run {id} has steps 0..{training.MaxIters}.");
        if (!store.Exists(run.OrderKey)) return Problems.Conflict("Order not compiled yet", $"Run {id} is {run.State}; its order is compiled when training starts.");
        var ledger = new OrderLedger(OrderFile.Load(store.GetPath(run.OrderKey)), training.BatchSize, training.GradientAccumulationSteps);
        var micro = Enumerable.Range(0, training.GradientAccumulationSteps).Select(m => ledger.MicroBatch((int)step, m).ToArray()).ToList();
        return TypedResults.Ok(new StepSamplesResponse(step, training.BatchSize, training.GradientAccumulationSteps, micro, ledger.SamplesSeenBefore((int)step)));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportLlama2c(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var (directory, problem) = await CheckpointDirectoryAsync(id, step, db, store, ct);
        if (problem is not null) return problem;
        using var model = CheckpointModels.Load(directory!);
        var buffer = new MemoryStream();
        Llama2cExporter.Export(model, buffer);
        buffer.Position = 0;
        return TypedResults.File(buffer, "application/octet-stream", $"model-{step}.bin");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportSafetensors(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var (directory, problem) = await CheckpointDirectoryAsync(id, step, db, store, ct);
        if (problem is not null) return problem;
        return TypedResults.File(File.OpenRead(Path.Combine(directory!, CheckpointManifest.WeightsFile)), "application/octet-stream", $"model-{step}.safetensors");
    }

    private static async Task<(string?, ProblemHttpResult?)> CheckpointDirectoryAsync(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return (null, RunNotFound(id));
        var directory = store.GetPath(run.CheckpointKey(step));
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == id && c.Step == step, ct) || CheckpointStore.ReadManifest(directory) is null)
            return (null, Problems.NotFound("Checkpoint not found", $"Run {id} has no checkpoint at step {step}."));
        return (directory, null);
    }

    private static ProblemHttpResult RunNotFound(Guid id) => Problems.NotFound("Run not found", $"No run '{id}'.");
}
