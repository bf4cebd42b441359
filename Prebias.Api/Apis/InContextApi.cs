using Microsoft.EntityFrameworkCore;
using Prebias.Api.Tables;
using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;
using Prebias.Core.Storage;

namespace Prebias.Api.Apis;

/// <summary>In-context learning over a run's evaluated checkpoints: the ICL score and the per-head induction
/// scores.</summary>
public static class InContextApi
{
    public static RouteGroupBuilder MapInContextApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}").WithTags("Evaluations").RequireRun();
        group.MapGet("in-context", Scores).WithName("GetInContextScores")
            .WithSummary("Per evaluated checkpoint: ICL score (late − early token loss, positions stated), " +
                "best prefix-matching head; ?format=json|csv|parquet");
        group.MapGet("heads", Heads).WithName("GetHeadScores")
            .WithSummary("Per checkpoint, layer and head: prefix-matching and copying scores; " +
                "?format=json|csv|parquet");
        group.MapGet("in-context.png", ScoresPng).WithName("GetInContextPlot")
            .WithSummary("ICL score and each head's prefix-matching score against step (?format=png|svg)");
        group.MapGet("heads.png", HeadsPng).WithName("GetHeadHeatmap")
            .WithSummary("Heatmap of heads by step: prefix matching (default) or ?score=copying (?format=png|svg)");
        return group;
    }

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Scores(Guid id, string? format, HttpRequest http, PrebiasDbContext db,
        IArtifactStore store, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var views = await ViewsAsync(id, db, store, ct);
        var table = new Table(
        [
            new("step", typeof(long)), new("earlyPosition", typeof(int)), new("latePosition", typeof(int)),
                new("earlyLoss", typeof(double)),
            new("lateLoss", typeof(double)), new("iclScore", typeof(double)), new("samples", typeof(int)),
            new("maxPrefixMatching", typeof(double)), new("uniformBaseline", typeof(double)), new("seconds",
                typeof(double)),
        ], views.Select(v => new object?[]
        {
            v.Step, v.View.Icl.EarlyPosition, v.View.Icl.LatePosition, v.View.Icl.EarlyLoss, v.View.Icl.LateLoss,
                v.View.Icl.Score,
            v.View.Icl.Samples, v.View.Heads.MaxPrefixMatching, v.View.Heads.UniformBaseline, v.View.Seconds,
        }).ToList());
        return new TableResult(table, tableFormat, $"in-context-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Heads(Guid id, string? format, HttpRequest http, PrebiasDbContext db,
        IArtifactStore store, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var views = await ViewsAsync(id, db, store, ct);
        var rows = new List<object?[]>();
        foreach (var (step, view) in views)
            for (var l = 0; l < view.Heads.Layers; l++)
            for (var h = 0; h < view.Heads.Heads; h++)
                rows.Add([step, l, h, view.Heads.PrefixMatching[l][h], view.Heads.Copying[l][h]]);
        var table = new Table(
            [new("step", typeof(long)), new("layer", typeof(int)), new("head", typeof(int)), new("prefixMatching",
                typeof(double)), new("copying", typeof(double))],
            rows);
        return new TableResult(table, tableFormat, $"heads-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> ScoresPng(Guid id, string? format, PrebiasDbContext db, IArtifactStore store,
        CancellationToken ct)
    {
        var views = await ViewsAsync(id, db, store, ct);
        if (views.Count == 0) return NotEvaluated(id);
        var (labels, series) = PerHead(views, h => h.PrefixMatching);
        var first = views[0].View.Icl;
        var data = new InContextPlotData([.. views.Select(v => (double)v.Step)],
            [.. views.Select(v => v.View.Icl.Score ?? double.NaN)],
            labels, series, $"loss at token {first.LatePosition} − loss at token {first.EarlyPosition} (nats)");
        return EvaluationsApi.Render(() => InContextPlot.Render(data,
            new InContextPlotOptions { Format = EvaluationsApi.PlotFormatOf(format), Width = 1400 }));
    }

    /// <param name="id">Run id.</param>
    /// <param name="score">prefixMatching (default) or copying.</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> HeadsPng(Guid id, string? score, string? format, PrebiasDbContext db,
        IArtifactStore store, CancellationToken ct)
    {
        var copying = string.Equals(score, "copying", StringComparison.OrdinalIgnoreCase);
        if (score is not null && !copying && !string.Equals(score, "prefixMatching",
            StringComparison.OrdinalIgnoreCase))
            return Problems.BadRequest("Bad score", "score must be prefixMatching or copying.");
        var views = await ViewsAsync(id, db, store, ct);
        if (views.Count == 0) return NotEvaluated(id);
        var (labels, series) = PerHead(views, h => copying ? h.Copying : h.PrefixMatching);
        var options = new InContextPlotOptions
        {
            Format = EvaluationsApi.PlotFormatOf(format), Title = copying ? "Copying score by head and step" : null,
            Height = Math.Clamp(160 + 28 * labels.Count, 400, 2400),
        };
        return EvaluationsApi.Render(() => HeadHeatmapPlot.Render([.. views.Select(v => (double)v.Step)], labels,
            series,
            copying ? "copying score" : "prefix-matching score", options));
    }

    // Rows "L{layer}H{head}" and, per row, the score at each checkpoint.
    private static (List<string>, List<IReadOnlyList<double>>) PerHead(IReadOnlyList<(long Step,
        InContextView View)> views,
        Func<HeadScores, double[][]> pick)
    {
        var (layers, heads) = (views.Max(v => v.View.Heads.Layers), views.Max(v => v.View.Heads.Heads));
        var labels = new List<string>();
        var series = new List<IReadOnlyList<double>>();
        for (var l = 0; l < layers; l++)
        for (var h = 0; h < heads; h++)
        {
            labels.Add($"L{l}H{h}");
            series.Add([.. views.Select(v =>
                l < v.View.Heads.Layers && h < v.View.Heads.Heads ? pick(v.View.Heads)[l][h] : double.NaN)]);
        }
        return (labels, series);
    }

    private static async Task<List<(long Step, InContextView View)>> ViewsAsync(Guid id, PrebiasDbContext db,
        IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var steps = await db.Evaluations.AsNoTracking().Where(e => e.RunId == id).OrderBy(e => e.Step)
            .Select(e => e.Step).ToListAsync(ct);
        var views = new List<(long, InContextView)>();
        foreach (var step in steps)
            if (InContextView.Read(store.GetPathForMappedRead(run.CheckpointKey(step))) is { } view)
                views.Add((step, view));
        return views;
    }

    private static IResult NotEvaluated(Guid id) =>
        Problems.Conflict("Not evaluated yet",
            $"Run {id} has no evaluated checkpoint with in-context scores: POST /api/runs/{id}/evaluations first.");
}
