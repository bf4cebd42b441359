using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation;
using Prebias.Core.Experiments;
using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary><c>/api/runs/{id}/branches</c>: interventions that continue a run from a checkpoint with changed data.</summary>
public static class BranchesApi
{
    public static RouteGroupBuilder MapBranchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}/branches").WithTags("Branches");
        group.MapPost("", CreateBranch).WithName("CreateBranch")
            .WithSummary("Continue a run from one of its checkpoints with swapped genders, a metric filter or a new ordering (a run of its own)");
        group.MapGet("", ListBranches).WithName("ListBranches").WithSummary("The runs branched from this run");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ProblemHttpResult, ValidationProblem>> CreateBranch(
        Guid id, BranchSpec spec, PrebiasDbContext db, JobScheduler scheduler, SampleMetricsStore metrics, CancellationToken ct)
    {
        var parent = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (parent is null) return Problems.NotFound("Run not found", $"No run '{id}'.");
        var fieldErrors = BranchSpecValidator.Validate(spec);
        if (fieldErrors.Count > 0) return TypedResults.ValidationProblem(fieldErrors.ToDictionary());
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == id && c.Step == spec.FromStep, ct))
            return Problems.Conflict("No such checkpoint", $"Run {id} has no checkpoint at step {spec.FromStep} to branch from.");
        var training = JsonSerializer.Deserialize<ResolvedTraining>(parent.Training, JsonDefaults.Options)!;
        var steps = spec.Steps ?? training.Options.MaxIters;
        var errors = new Dictionary<string, string[]>();
        if (steps <= spec.FromStep) errors["steps"] = [$"steps ({steps}) must exceed fromStep ({spec.FromStep})."];
        RunSpecValidator.ValidateOrderPositions("steps", steps, training.Options.BatchSize, training.Options.GradientAccumulationSteps, fieldErrors);
        foreach (var (field, messages) in fieldErrors.ToDictionary()) errors[field] = messages;
        var ordering = JsonSerializer.Deserialize<OrderingSpec>(parent.Ordering, JsonDefaults.Options)!;
        var t = spec.Transform;
        switch (t.Kind)
        {
            case "swap_gender":
                break;
            case "filter":
                var filter = new MetricFilter(t.Metric ?? "", t.Min, t.Max);
                if (filter.Problems("transform").ToList() is { Count: > 0 } problems) errors["transform"] = [.. problems];
                else if (!(await metrics.ComputedMetricsAsync(parent.DatasetId, ct)).Contains(MetricRegistry.Get(t.Metric!).Name))
                    errors["transform.metric"] = [$"Metric '{t.Metric}' has not been computed for the dataset."];
                break;
            case "ordering" when t.Ordering is null:
                errors["transform.ordering"] = ["An ordering transform needs transform.ordering."];
                break;
            case "ordering":
                if (t.Ordering.Problems() is { Count: > 0 } orderingProblems) errors["transform.ordering"] = [.. orderingProblems];
                else ordering = t.Ordering;
                break;
            default:
                errors["transform.kind"] = [$"Unknown transform '{t.Kind}'; use swap_gender, filter or ordering."];
                break;
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var branch = new RunRecord
        {
            // A branch of an experiment's run joins the experiment, so the comparison shows it next to the parent's
            // continuation (under its own label, never as the baseline).
            Id = Guid.NewGuid(), ExperimentId = parent.ExperimentId,
            Name = spec.Name ?? $"{(parent.Name ?? "run").Replace(ExperimentRuns.BaselinePrefix, "")} → {t.Kind}@{spec.FromStep}",
            DatasetId = parent.DatasetId, Seed = parent.Seed,
            Model = parent.Model, Ordering = JsonSerializer.Serialize(ordering, JsonDefaults.Options),
            Training = JsonSerializer.Serialize(training with { Options = training.Options with { MaxIters = steps } }, JsonDefaults.Options),
            ParentRunId = parent.Id, BranchFromStep = spec.FromStep, BranchTransform = JsonSerializer.Serialize(t, JsonDefaults.Options),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Runs.Add(branch);
        await db.SaveChangesAsync(ct);
        branch.JobId = await scheduler.EnqueueAsync<TrainingJob>(JobQueues.Gpu, j => j.RunAsync(branch.Id, CancellationToken.None), $"/api/runs/{branch.Id}", ct);
        if (parent.ExperimentId is { } experimentId)
        {
            // The experiment takes the branch in: it is evaluated after training, then the experiment's divergences
            // are computed again with it.
            await scheduler.EnqueueAfterAsync<EvaluationJob>(branch.JobId, JobQueues.Cpu, j => j.RunAsync(branch.Id, null, CancellationToken.None), $"/api/runs/{branch.Id}/saturation", ct);
            await db.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(e => e.SetProperty(x => x.State, RunStates.Running).SetProperty(x => x.CompletedAt, (DateTimeOffset?)null), ct);
            await scheduler.EnqueueAsync<ExperimentMonitorJob>(JobQueues.Default, j => j.RunAsync(experimentId, CancellationToken.None), $"/api/experiments/{experimentId}", ct);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/runs/{branch.Id}", new AcceptedJob(branch.Id.ToString(), branch.JobId));
    }

    /// <param name="id">The parent run.</param>
    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<RunResponse>>, ProblemHttpResult, ValidationProblem>> ListBranches(Guid id, int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct)
    {
        if (ListPaging.Problems(limit, offset) is { } errors) return TypedResults.ValidationProblem(errors);
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return Problems.NotFound("Run not found", $"No run '{id}'.");
        return TypedResults.Ok((await ListPaging.PageAsync(db.Runs.AsNoTracking().Where(r => r.ParentRunId == id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id), limit, offset, http, ct)).ConvertAll(RunResponse.From));
    }
}
