using Microsoft.EntityFrameworkCore;
using Prebias.Api.Tables;
using Prebias.Core.Evaluation.Association;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;

namespace Prebias.Api.Apis;

/// <summary>
/// PMI association tables between two word sets, on a checkpoint's generations and, per evaluated checkpoint, on
/// the training samples of its ledger window; the query lives in <see cref="AssociationQuery"/>.
/// </summary>
public static class AssociationsApi
{
    private const string Formats = "?a=gender_female&b=afinn_negative&set=name:w1,w2&format=json|csv|parquet";

    public static RouteGroupBuilder MapAssociationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}").WithTags("Evaluations");
        group.MapGet("associations", Run).WithName("GetAssociations").RequireRun()
            .WithSummary($"PMI of two word sets per evaluated checkpoint, data window and generations; {Formats}");
        group.MapGet("associations.png", Heatmap).WithName("GetAssociationsPlot").RequireRun()
            .WithSummary("PMI heatmap, steps × (source, set pair); a and b as for the table, format=png|svg");
        group.MapGet("checkpoints/{step:long}/associations", Checkpoint).WithName("GetCheckpointAssociations")
            .RequireCheckpoint().WithSummary($"PMI of two word sets on the checkpoint's generations; {Formats}");
        return group;
    }

    /// <param name="id">Run id.</param>
    /// <param name="a">
    /// Set A: gender_female, gender_male, occupations, afinn_positive, afinn_negative or a user set; a comma list
    /// scores every one against every set of b.
    /// </param>
    /// <param name="b">Set B (or a comma list), named as set A.</param>
    /// <param name="set">User sets, each <c>name:word,word</c> (repeatable).</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="query">The PMI query.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Run(Guid id, string? a, string? b, string[]? set, string? format,
        HttpRequest http, AssociationQuery query, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var errors = AssociationSets.Resolve(a, b, set, out var sets, out var pairs);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return RecordTable.Result(await query.RunAsync(id, pairs, sets, ct), tableFormat, $"associations-{id:N}");
    }

    /// <param name="id">Run id.</param>
    /// <param name="a">Set A, or a comma list of sets, as for the table.</param>
    /// <param name="b">Set B, or a comma list.</param>
    /// <param name="set">User sets, each <c>name:word,word</c> (repeatable).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="query">The PMI query.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Heatmap(Guid id, string? a, string? b, string[]? set, string? format,
        AssociationQuery query, CancellationToken ct)
    {
        var errors = AssociationSets.Resolve(a, b, set, out var sets, out var pairs);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = await query.RunAsync(id, pairs, sets, ct);
        if (rows.Count == 0)
            return Problems.Conflict("Not evaluated",
                $"Run {id} has no evaluated checkpoints yet: POST /api/runs/{id}/evaluations.");
        var steps = rows.Select(r => r.Step).Distinct().Order().ToList();
        var series = rows.GroupBy(r => $"{r.Source}: {r.SetA} × {r.SetB}").OrderBy(g => g.Key).ToList();
        var values = series.ConvertAll(g => (IReadOnlyList<double>)steps.ConvertAll(s =>
            g.FirstOrDefault(r => r.Step == s)?.Pmi ?? double.NaN));
        var options = new AssociationPlotOptions
        {
            Format = EvaluationsApi.PlotFormatOf(format), Height = Math.Clamp(200 + 40 * series.Count, 400, 2400),
        };
        return EvaluationsApi.Render(() => AssociationHeatmapPlot.Render([.. steps.Select(s => (double)s)],
            series.ConvertAll(g => g.Key), values, options));
    }

    /// <param name="id">Run id.</param>
    /// <param name="step">Checkpoint step.</param>
    /// <param name="a">Set A, as for the run route.</param>
    /// <param name="b">Set B.</param>
    /// <param name="set">User sets, each <c>name:word,word</c> (repeatable).</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="query">The PMI query.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Checkpoint(Guid id, long step, string? a, string? b, string[]? set,
        string? format, HttpRequest http, PrebiasDbContext db, AssociationQuery query, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var errors = AssociationSets.Resolve(a, b, set, out var sets, out var pairs);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Generations exist only after evaluation; an empty table would read as "no association" instead.
        if (!await db.Evaluations.AnyAsync(e => e.RunId == id && e.Step == step, ct))
            return Problems.Conflict("Checkpoint not evaluated",
                $"Checkpoint {step} of run {id} has not been evaluated: POST /api/runs/{id}/evaluations.");
        var rows = await query.CheckpointAsync(id, step, pairs, sets, ct);
        return RecordTable.Result(rows, tableFormat, $"associations-{id:N}-{step}");
    }
}
