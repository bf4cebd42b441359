using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;
using Prebias.Core.Runs;
using Prebias.Core.Storage;
using Prebias.Core.Training;

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

        var run = group.MapGroup("{id:guid}").RequireRun();
        run.MapGet("checkpoints", ListCheckpoints).WithName("ListCheckpoints")
            .WithSummary("Checkpoints: step, tokens and samples seen, train/val loss, learning rate, tokens/s, wall time, weights sha256");
        run.MapGet("losses", GetLosses).WithName("GetLosses").WithSummary("Loss history per step; ?format=json|csv|parquet");
        run.MapGet("losses.png", LossesPng).WithName("GetLossesPlot").WithSummary("Train and validation loss over steps, with the learning rate");
        run.MapGet("steps/{step:long}/samples", GetStepSamples).WithName("GetStepSamples")
            .WithSummary("The ledger: sample ids that optimiser step k trained on, per micro-batch");

        var checkpoint = group.MapGroup("{id:guid}/checkpoints/{step:long}").AddEndpointFilter<CheckpointETagFilter>().RequireCheckpoint();
        checkpoint.MapGet("export/llama2c", ExportLlama2c).WithName("ExportLlama2c")
            .WithSummary("The checkpoint as llama2.c's legacy model.bin (version 0), for run.c");
        checkpoint.MapGet("export/safetensors", ExportSafetensors).WithName("ExportSafetensors")
            .WithSummary("The checkpoint's weights as safetensors with llama2.c parameter names");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateRun(RunSpec spec, RunLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(spec, ct)).ToHttp();

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
            ? TypedResults.Ok(RunResponse.From(run)) : RouteFilters.NotFound("run", id);

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> ListCheckpoints(Guid id, string? format, HttpRequest http, PrebiasDbContext db,
        CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
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
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var losses = await db.Losses.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Step).ToListAsync(ct);
        // Validation loss is measured at checkpoints only: the other steps leave the column empty.
        var valLoss = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == id && c.ValLoss != null)
            .ToDictionaryAsync(c => c.Step, c => c.ValLoss, ct);
        var rows = losses.ConvertAll(l =>
            new LossResponse(l.Step, l.Loss, valLoss.GetValueOrDefault(l.Step), l.LearningRate, l.GradNorm));
        return RecordTable.Result(rows, tableFormat, $"losses-{id:N}");
    }

    public static async Task<IResult> LossesPng(Guid id, string? format, PrebiasDbContext db, CancellationToken ct)
    {
        var run = await EvaluationsApi.RunAsync(id, db, ct);
        var losses = await db.Losses.AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Step).ToListAsync(ct);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == id && c.ValLoss != null).OrderBy(c => c.Step).ToListAsync(ct);
        if (losses.Count == 0) return Problems.Conflict("No losses yet", $"Run {id} has not trained a step yet.");
        var data = new LossPlotData(losses.Select(l => new StepValue(l.Step, l.Loss)).ToList(),
            checkpoints.Select(c => new StepValue(c.Step, c.ValLoss!.Value)).ToList(), losses.Select(l => new StepValue(l.Step, l.LearningRate)).ToList());
        var options = new LossPlotOptions { Format = EvaluationsApi.PlotFormatOf(format), Subject = PlotTitles.Of(run) };
        return EvaluationsApi.Render(() => LossPlot.Render(data, options));
    }

    public static async Task<Results<Ok<StepSamplesResponse>, ProblemHttpResult>> GetStepSamples(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var training = run.Training.Options;
        if (step < 0 || step > training.MaxIters) return Problems.NotFound("Step out of range", $"Run {id} has steps 0..{training.MaxIters}.");
        if (!store.Exists(run.OrderKey)) return Problems.Conflict("Order not compiled yet", $"Run {id} is {run.State}; its order is compiled when training starts.");
        var ledger = new OrderLedger(store.LoadOrder(run.OrderKey), training.BatchSize,
            training.GradientAccumulationSteps);
        if (step >= ledger.StepCount) return Problems.Conflict("Step not decided yet", $"Run {id}'s dynamic order reaches step {ledger.StepCount - 1} so far.");
        var micro = Enumerable.Range(0, training.GradientAccumulationSteps).Select(m => ledger.MicroBatch((int)step, m).ToArray()).ToList();
        return TypedResults.Ok(new StepSamplesResponse(step, training.BatchSize, training.GradientAccumulationSteps, micro, ledger.SamplesSeenBefore((int)step)));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportLlama2c(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        if (await CheckpointDirectoryAsync(id, step, db, store, ct) is not { } directory) return RouteFilters.CheckpointNotFound(id, step);
        using var model = CheckpointModels.Load(directory);
        var buffer = new MemoryStream();
        Llama2cExporter.Export(model, buffer);
        buffer.Position = 0;
        return TypedResults.File(buffer, "application/octet-stream", $"model-{step}.bin");
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportSafetensors(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        if (await CheckpointDirectoryAsync(id, step, db, store, ct) is not { } directory) return RouteFilters.CheckpointNotFound(id, step);
        return TypedResults.File(File.OpenRead(Path.Combine(directory, CheckpointManifest.WeightsFile)), "application/octet-stream", $"model-{step}.safetensors");
    }

    /// <summary>The checkpoint's folder, or null when its row exists but its files were never completed.</summary>
    private static async Task<string?> CheckpointDirectoryAsync(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var directory = store.GetPathForMappedRead(run.CheckpointKey(step));
        return CheckpointStore.ReadManifest(directory) is null ? null : directory;
    }
}
