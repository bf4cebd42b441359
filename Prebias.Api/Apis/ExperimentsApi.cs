using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation.Jobs;
using Prebias.Core.Experiments;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Torch;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary><c>/api/experiments</c>: durability experiments (same data, different orders, several seeds) and their comparison.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/experiments").WithTags("Experiments");
        group.MapPost("durability", CreateDurability).WithName("CreateDurabilityExperiment")
            .WithSummary("Train and evaluate every ordering and the baseline with every seed, then compare them against seed noise");
        group.MapGet("", ListExperiments).WithName("ListExperiments").WithSummary("List experiments with their runs' states");
        group.MapGet("{id:guid}", GetExperiment).WithName("GetExperiment").WithSummary("An experiment: spec, state, progress, runs");
        group.MapGet("{id:guid}/comparison", Comparison).WithName("GetComparison")
            .WithSummary("Curves per ordering with seed spread; end-point paired/Welch t CIs, permutation and Holm-adjusted p, TOST and verdicts; saturation points, divergences, bias; ?format=json|csv|parquet&table=curves|endpoint|divergence|bias");
        group.MapGet("{id:guid}/comparison.png", ComparisonPng).WithName("GetComparisonPlot")
            .WithSummary("Output metrics per ordering over checkpoints with seed bands, against the baseline (?metrics=a,b)");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem>> CreateDurability(
        DurabilitySpec spec, PrebiasDbContext db, JobScheduler scheduler, SampleMetricsStore metrics, IOptions<TorchOptions> torch, CancellationToken ct)
    {
        if (DurabilitySpecValidator.Validate(spec) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid.ToDictionary());
        if (spec.Orderings.Count == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["orderings"] = ["Give at least one ordering to compare with the baseline."] });
        if (spec.Seeds.Count == 0 || spec.Seeds.Distinct().Count() != spec.Seeds.Count)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seeds"] = ["Give one or more distinct seeds."] });
        var experiment = new ExperimentRecord
        {
            Id = Guid.NewGuid(), Name = spec.Name, DatasetId = spec.DatasetId, CreatedAt = DateTimeOffset.UtcNow,
            Spec = JsonSerializer.Serialize(spec, JsonDefaults.Options),
        };
        // Init seeds (seeds is their older name) × order seeds.
        var initSeeds = spec.ResolvedInitSeeds();
        var orderSeeds = spec.ResolvedOrderSeeds();
        if (spec.InitSeeds is not null && (initSeeds.Count == 0 || initSeeds.Distinct().Count() != initSeeds.Count))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["initSeeds"] = ["Give one or more distinct init seeds."] });
        if (orderSeeds.Count == 0 || orderSeeds.Distinct().Count() != orderSeeds.Count)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["orderSeeds"] = ["Give one or more distinct order seeds."] });
        if (!(spec.EquivalenceMargin > 0 && double.IsFinite(spec.EquivalenceMargin)))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["equivalenceMargin"] = ["Give a positive margin in seed SDs (default 1)."] });
        var runs = new List<(RunRecord Run, string? Parent)>();
        var arms = spec.Orderings.Select(o => (Ordering: o, Name: OrderingLabels.Of(o)))
            .Append((Ordering: spec.BaselineOrdering, Name: ExperimentRuns.BaselinePrefix + OrderingLabels.Of(spec.BaselineOrdering)));
        foreach (var (ordering, name) in arms)
            foreach (var (init, order) in initSeeds.SelectMany(i => orderSeeds.Select(o => (i, o))))
            {
                var request = new RunSpec
                {
                    DatasetId = spec.DatasetId, Model = spec.Model, Training = spec.Training, Ordering = ordering, Name = name,
                    Seed = init, Seeds = new SeedsSpec { Init = init, Order = order },
                };
                var (run, parent, errors) = await RunsApi.PrepareAsync(request, db, metrics, torch.Value, ct);
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => $"{name}: {e.Key}", e => e.Value));
                run!.ExperimentId = experiment.Id;
                runs.Add((run, parent));
            }
        db.Experiments.Add(experiment);
        db.Runs.AddRange(runs.Select(r => r.Run));
        await db.SaveChangesAsync(ct);

        // Fan out: each run trains on the gpu queue and is evaluated on the cpu queue when training ends; the monitor
        // job polls by rescheduling itself, so no worker waits on the experiment.
        foreach (var (run, parent) in runs)
        {
            run.JobId = await scheduler.EnqueueAfterAsync<TrainingJob>(parent, JobQueues.Gpu, j => j.RunAsync(run.Id, CancellationToken.None), $"/api/runs/{run.Id}", ct);
            await scheduler.EnqueueAfterAsync<EvaluationJob>(run.JobId, JobQueues.Cpu, j => j.RunAsync(run.Id, null, CancellationToken.None), $"/api/runs/{run.Id}/saturation", ct);
        }
        experiment.JobId = await scheduler.EnqueueAsync<ExperimentMonitorJob>(JobQueues.Default, j => j.RunAsync(experiment.Id, CancellationToken.None), $"/api/experiments/{experiment.Id}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/experiments/{experiment.Id}", new AcceptedJob(experiment.Id.ToString(), experiment.JobId));
    }

    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<ExperimentResponse>>, ValidationProblem>> ListExperiments(int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct)
    {
        if (ListPaging.Problems(limit, offset) is { } errors) return TypedResults.ValidationProblem(errors);
        var experiments = await ListPaging.PageAsync(db.Experiments.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id), limit, offset, http, ct);
        var result = new List<ExperimentResponse>();
        foreach (var e in experiments) result.Add(await ExperimentResponse.FromAsync(e, db, ct));
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> GetExperiment(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e
            ? TypedResults.Ok(await ExperimentResponse.FromAsync(e, db, ct))
            : Problems.NotFound("Experiment not found", $"No experiment '{id}'.");

    /// <param name="id">Experiment id.</param>
    /// <param name="format">json (default: all four tables), csv or parquet (one table).</param>
    /// <param name="table">For csv/parquet: curves (default), endpoint, divergence or bias.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Comparison(Guid id, string? format, string? table, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return Problems.NotFound("Experiment not found", $"No experiment '{id}'.");
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        if (table is not (null or "curves" or "endpoint" or "divergence" or "bias")) return Problems.BadRequest("Bad table", "table must be curves, endpoint, divergence or bias.");
        var spec = JsonSerializer.Deserialize<DurabilitySpec>(experiment.Spec, JsonDefaults.Options)!;
        var comparison = await ExperimentComparison.ComputeAsync(db, experiment, spec.SaturationTolerance, new OrderEffectOptions { EquivalenceMargin = spec.EquivalenceMargin }, ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(comparison);
        return new TableResult(ComparisonTables.Of(comparison, table ?? "curves"), tableFormat, $"comparison-{table ?? "curves"}-{id:N}");
    }

    public static async Task<IResult> ComparisonPng(Guid id, string? metrics, string? format, PrebiasDbContext db, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return Problems.NotFound("Experiment not found", $"No experiment '{id}'.");
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == id).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var outputs = await db.CheckpointMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId) && m.Output != null).ToListAsync(ct);
        if (outputs.Count == 0) return Problems.Conflict("Not evaluated yet", $"Experiment {id} has no evaluated checkpoints yet.");
        var wanted = (metrics ?? "sentiment,flesch_kincaid_grade,vocabulary_diversity,gender_ratio").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var panels = new List<ComparisonPanel>();
        foreach (var metric in wanted.Where(m => outputs.Any(o => o.Metric == m)))
        {
            var steps = outputs.Where(o => o.Metric == metric).Select(o => o.Step).Distinct().Order().ToList();
            var orderings = runs.GroupBy(ExperimentRuns.Label).Select(g => new OrderingSeeds(g.Key,
                g.Select(run => (IReadOnlyList<double>)steps.Select(s => outputs.FirstOrDefault(o => o.RunId == run.Id && o.Metric == metric && o.Step == s)?.Output ?? double.NaN).ToList()).ToList())).ToList();
            panels.Add(new ComparisonPanel(metric, steps.Select(s => (double)s).ToList(), orderings));
        }
        if (panels.Count == 0) return Problems.BadRequest("Unknown metrics", $"None of {string.Join(", ", wanted)} was evaluated.");
        var baseline = runs.Select(ExperimentRuns.Label).First(l => l.StartsWith(ExperimentRuns.BaselinePrefix, StringComparison.Ordinal));
        return EvaluationsApi.Render(() => ComparisonPlot.Render(new ComparisonPlotData(panels, baseline),
            new ComparisonPlotOptions
            {
                Format = EvaluationsApi.PlotFormatOf(format), Width = 1200, Height = 800,
                Subject = PlotTitles.Of(experiment),
            }));
    }
}
