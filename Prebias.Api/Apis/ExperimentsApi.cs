using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation;
using Prebias.Core.Experiments;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;

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
        group.MapGet("{id:guid}/comparison", Comparison).WithName("GetComparison").RequireExperiment()
            .WithSummary("Curves per ordering with seed spread; end-point paired/Welch t CIs, permutation and Holm-adjusted p, TOST and verdicts; saturation points, divergences, bias; ?format=json|csv|parquet&table=curves|endpoint|divergence|bias");
        group.MapGet("{id:guid}/comparison.png", ComparisonPng).WithName("GetComparisonPlot").RequireExperiment()
            .WithSummary("Output metrics per ordering over checkpoints with seed bands, against the baseline (?metrics=a,b)");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateDurability(DurabilitySpec spec, ExperimentLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchDurabilityAsync(spec, ct)).ToHttp();

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
        foreach (var e in experiments) result.Add(ExperimentResponse.From(e, await ExperimentRunStatus.OfAsync(db, e.Id, ct)));
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> GetExperiment(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) is { } e
            ? TypedResults.Ok(ExperimentResponse.From(e, await ExperimentRunStatus.OfAsync(db, e.Id, ct)))
            : RouteFilters.NotFound("experiment", id);

    /// <param name="id">Experiment id.</param>
    /// <param name="format">json (default: all four tables), csv or parquet (one table).</param>
    /// <param name="table">For csv/parquet: curves (default), endpoint, divergence or bias.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Comparison(Guid id, string? format, string? table, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == id, ct);
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        if (table is not (null or "curves" or "endpoint" or "divergence" or "bias")) return Problems.BadRequest("Bad table", "table must be curves, endpoint, divergence or bias.");
        var spec = JsonSerializer.Deserialize<DurabilitySpec>(experiment.Spec, JsonDefaults.Options)!;
        var comparison = await ExperimentComparison.ComputeAsync(db, experiment, spec.SaturationTolerance, new OrderEffectOptions { EquivalenceMargin = spec.EquivalenceMargin }, ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(comparison);
        return new TableResult(ComparisonTables.Of(comparison, table ?? "curves"), tableFormat, $"comparison-{table ?? "curves"}-{id:N}");
    }

    public static async Task<IResult> ComparisonPng(Guid id, string? metrics, string? format, PrebiasDbContext db, CancellationToken ct)
    {
        var experiment = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == id, ct);
        // One step axis: the pretraining's (a fine-tune's steps count from 0; its rows are in the comparison).
        var runs = ExperimentPhases.PretrainRuns(
            await db.Runs.AsNoTracking().Where(r => r.ExperimentId == id).ToListAsync(ct));
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
