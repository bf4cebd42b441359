using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core.Evaluation;
using Prebias.Core.Jobs;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;

namespace Prebias.Api.Apis;

/// <summary>
/// Results of checkpoint evaluations: saturation curves (input vs output metrics), bias probes, generations,
/// and their plots.
/// </summary>
public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}").WithTags("Evaluations");
        group.MapPost("evaluations", Evaluate).WithName("EvaluateCheckpoints")
            .WithSummary("Evaluate checkpoints (default: every one not evaluated yet): generations, output and input metrics, val loss, bias probes, representations");
        group.MapPost("checkpoints/{step:long}/perplexity", SamplePerplexity).WithName("ComputeSamplePerplexity")
            .WithSummary("Perplexity of every sample of the run's dataset under this checkpoint, written as the sample metric 'perplexity'");

        var run = group.MapGroup("").RequireRun();
        run.MapGet("saturation", Saturation).WithName("GetSaturation")
            .WithSummary("One row per checkpoint × metric: input window, input cumulative and output means, raw and min–max normalised; ?format=json|csv|parquet");
        run.MapGet("saturation.png", SaturationPng).WithName("GetSaturationPlot")
            .WithSummary("Saturation curves: input and output panels (?metrics=a,b&normalize=true&format=svg)");
        run.MapGet("bias", Bias).WithName("GetBias").WithSummary("Bias probe scores per checkpoint; ?format=json|csv|parquet");
        run.MapGet("bias.png", BiasPng).WithName("GetBiasPlot").WithSummary("Bias probes over checkpoints (?probe=she_he)");
        group.MapGet("checkpoints/{step:long}/generations", Generations).WithName("GetGenerations").RequireCheckpoint()
            .WithSummary("Texts the checkpoint generated from the evaluation prompts, greedy and sampled");
        return group;
    }

    /// <summary>Which checkpoints to evaluate; all not yet evaluated when omitted.</summary>
    public sealed record EvaluateRequest(long[]? Checkpoints);

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> Evaluate(Guid id, EvaluateRequest? request, EvaluationLauncher launcher, CancellationToken ct) =>
        (await launcher.EvaluateAsync(id, request?.Checkpoints, ct)).ToHttp();

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> SamplePerplexity(Guid id, long step, EvaluationLauncher launcher, CancellationToken ct) =>
        (await launcher.SamplePerplexityAsync(id, step, ct)).ToHttp();

    public static async Task<IResult> Saturation(Guid id, string? format, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        return RecordTable.Result(await SaturationQuery.ReadAsync(db, id, ct), tableFormat, $"saturation-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="metrics">Comma-separated metrics (default: sentiment, flesch_kincaid_grade, vocabulary_diversity, gender_ratio, profanity_rate).</param>
    /// <param name="normalize">Min–max normalise each curve (default false: each panel on its own scale).</param>
    /// <param name="layout">PerMetric (default: a panel per metric) or InputOutput (inputs left, outputs right).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="width">Pixels (default 1200).</param>
    /// <param name="height">Pixels (default 350 per row of three metric panels, at least 450).</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> SaturationPng(Guid id, string? metrics, bool? normalize, SaturationLayout? layout,
        string? format, int? width, int? height, PrebiasDbContext db, CancellationToken ct)
    {
        var run = await RunAsync(id, db, ct);
        var rows = await SaturationQuery.ReadAsync(db, id, ct);
        if (rows.Count == 0) return Problems.Conflict("Not evaluated", $"Run {id} has no evaluated checkpoints yet: POST /api/runs/{id}/evaluations.");
        var wanted = (metrics ?? "sentiment,flesch_kincaid_grade,vocabulary_diversity,gender_ratio,profanity_rate").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var steps = rows.Select(r => r.Step).Distinct().Order().ToList();
        NamedSeries Series(string metric, Func<SaturationRow, double?> pick) => new(metric, steps.Select(s =>
            rows.FirstOrDefault(r => r.Metric == metric && r.Step == s) is { } r && pick(r) is { } v ? v : double.NaN).ToList());
        var present = wanted.Where(m => rows.Any(r => r.Metric == m)).ToList();
        if (present.Count == 0) return Problems.BadRequest("Unknown metrics", $"None of {string.Join(", ", wanted)} is in the saturation table.");
        var data = new SaturationPlotData(steps.Select(s => (double)s).ToList(),
            present.Select(m => Series(m, r => r.InputCumulative)).ToList(), present.Select(m => Series(m, r => r.Output)).ToList());
        var options = new SaturationPlotOptions
        {
            Layout = layout ?? SaturationLayout.PerMetric, Normalize = normalize ?? false,
            Format = PlotFormatOf(format),
            Width = width ?? 1200, Height = height ?? Math.Max(450, 350 * ((present.Count + 2) / 3)),
            Subject = PlotTitles.Of(run),
        };
        return Render(() => SaturationPlot.Render(data, options));
    }

    public static async Task<IResult> Bias(Guid id, string? format, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var rows = await db.BiasScores.AsNoTracking().Where(b => b.RunId == id).OrderBy(b => b.Step).ThenBy(b => b.Probe).ThenBy(b => b.Subject).ToListAsync(ct);
        var scores = rows.ConvertAll(b => new BiasScoreResponse(b.Step, b.Probe, b.Subject, b.Score));
        return RecordTable.Result(scores, tableFormat, $"bias-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="probe">she_he (default), her_his or minimal_pairs.</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> BiasPng(Guid id, string? probe, string? format, PrebiasDbContext db, CancellationToken ct)
    {
        var run = await RunAsync(id, db, ct);
        probe ??= "she_he";
        var rows = await db.BiasScores.AsNoTracking().Where(b => b.RunId == id && b.Probe == probe).ToListAsync(ct);
        if (rows.Count == 0) return Problems.Conflict("Not evaluated", $"Run {id} has no '{probe}' bias scores yet.");
        var steps = rows.Select(r => r.Step).Distinct().Order().ToList();
        var series = rows.GroupBy(r => r.Subject).OrderBy(g => g.Key).Select(g => new NamedSeries(g.Key,
            steps.Select(s => g.FirstOrDefault(r => r.Step == s)?.Score ?? double.NaN).ToList())).ToList();
        var pairs = probe == "minimal_pairs";
        var options = new BiasPlotOptions
        {
            Format = PlotFormatOf(format), Title = $"Bias probe {probe}: {PlotTitles.Of(run)}",
            YLabel = pairs ? "share of pairs where the stereotyped sentence is likelier"
                : "log P(fem.) − log P(masc.), baseline-adjusted",
            ReferenceLine = pairs ? 0.5 : 0,
            // The evaluation scores the default probe's pairs (see EvaluationJob).
            ReferenceLabel = pairs ? $"no preference (0.5), {new BiasProbeOptions().MinimalPairs().Count} pairs"
                : "no preference (0)",
        };
        return Render(() => BiasPlot.Render(new BiasPlotData(steps.Select(s => (double)s).ToList(), series), options));
    }

    /// <param name="id">Run id.</param>
    /// <param name="step">Checkpoint step.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Generations(Guid id, long step, string? format, HttpRequest http,
        PrebiasDbContext db, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        if (!await db.Evaluations.AnyAsync(e => e.RunId == id && e.Step == step, ct))
            return Problems.Conflict("Checkpoint not evaluated", $"Checkpoint {step} of run {id} has not been evaluated: POST /api/runs/{id}/evaluations.");
        var rows = await db.Generations.AsNoTracking().Where(g => g.RunId == id && g.Step == step).OrderBy(g => g.Index).ToListAsync(ct);
        var generations = rows.ConvertAll(g => new GenerationResponse(g.Prompt, g.Mode, g.Text, g.TokenCount));
        return RecordTable.Result(generations, tableFormat, $"generations-{id:N}-{step}");
    }

    internal static IResult Render(Func<PlotImage> render)
    {
        try
        {
            var image = render();
            return TypedResults.File(image.Bytes, image.ContentType);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest("Cannot plot", ex.Message);
        }
    }

    internal static PlotFormat PlotFormatOf(string? format) => format?.ToLowerInvariant() == "svg" ? PlotFormat.Svg : PlotFormat.Png;

    /// <summary>The run of a route that <see cref="RouteFilters.RequireRun{TBuilder}"/> guards.</summary>
    internal static Task<RunRecord> RunAsync(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
}
