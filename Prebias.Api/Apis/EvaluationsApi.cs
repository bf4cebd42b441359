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
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return Problems.BadRequest("Bad format", "format must be json, csv or parquet.");
        var rows = await SaturationQuery.ReadAsync(db, id, ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(rows);
        // snake_case: the column names this table has always had in CSV and Parquet (its JSON is the rows themselves).
        var table = Table.FromRecords(rows, JsonNamingPolicy.SnakeCaseLower);
        return new TableResult(table, tableFormat, $"saturation-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="metrics">Comma-separated metrics (default: sentiment, flesch_kincaid_grade, vocabulary_diversity, gender_ratio, profanity_rate).</param>
    /// <param name="normalize">Min–max normalise each curve (default true).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="width">Pixels (default 1200).</param>
    /// <param name="height">Pixels (default 600).</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> SaturationPng(Guid id, string? metrics, bool? normalize, string? format, int? width, int? height, PrebiasDbContext db, CancellationToken ct)
    {
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
        return Render(() => SaturationPlot.Render(data, new SaturationPlotOptions { Normalize = normalize ?? true, Format = PlotFormatOf(format), Width = width ?? 1200, Height = height ?? 600 }));
    }

    public static async Task<IResult> Bias(Guid id, string? format, HttpRequest http, PrebiasDbContext db, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return Problems.BadRequest("Bad format", "format must be json, csv or parquet.");
        var rows = await db.BiasScores.AsNoTracking().Where(b => b.RunId == id).OrderBy(b => b.Step).ThenBy(b => b.Probe).ThenBy(b => b.Subject).ToListAsync(ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(rows.Select(b => new BiasRow(b.Step, b.Probe, b.Subject, b.Score)));
        var table = Table.FromRecords(rows.Select(b => new BiasRow(b.Step, b.Probe, b.Subject, b.Score)));
        return new TableResult(table, tableFormat, $"bias-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="probe">she_he (default), her_his or minimal_pairs.</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> BiasPng(Guid id, string? probe, string? format, PrebiasDbContext db, CancellationToken ct)
    {
        probe ??= "she_he";
        var rows = await db.BiasScores.AsNoTracking().Where(b => b.RunId == id && b.Probe == probe).ToListAsync(ct);
        if (rows.Count == 0) return Problems.Conflict("Not evaluated", $"Run {id} has no '{probe}' bias scores yet.");
        var steps = rows.Select(r => r.Step).Distinct().Order().ToList();
        var series = rows.GroupBy(r => r.Subject).OrderBy(g => g.Key).Select(g => new NamedSeries(g.Key,
            steps.Select(s => g.FirstOrDefault(r => r.Step == s)?.Score ?? double.NaN).ToList())).ToList();
        return Render(() => BiasPlot.Render(new BiasPlotData(steps.Select(s => (double)s).ToList(), series),
            new BiasPlotOptions { Format = PlotFormatOf(format), YLabel = probe == "minimal_pairs" ? "share stereotyped preferred" : "log P(fem.) − log P(masc.), baseline-adjusted" }));
    }

    public static async Task<IResult> Generations(Guid id, long step, PrebiasDbContext db, CancellationToken ct)
    {
        if (!await db.Evaluations.AnyAsync(e => e.RunId == id && e.Step == step, ct))
            return Problems.Conflict("Checkpoint not evaluated", $"Checkpoint {step} of run {id} has not been evaluated: POST /api/runs/{id}/evaluations.");
        var rows = await db.Generations.AsNoTracking().Where(g => g.RunId == id && g.Step == step).OrderBy(g => g.Index).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(g => new { g.Prompt, g.Mode, g.Text, g.TokenCount }));
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

    /// <summary>One bias probe score: a row of the bias table.</summary>
    public sealed record BiasRow(long Step, string Probe, string Subject, double Score);
}
