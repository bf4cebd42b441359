using Microsoft.EntityFrameworkCore;
using Prebias.Api.Tables;
using Prebias.Core.Analysis.Association;
using Prebias.Core.Persistence;

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
        group.MapGet("checkpoints/{step:long}/associations", Checkpoint).WithName("GetCheckpointAssociations")
            .RequireCheckpoint().WithSummary($"PMI of two word sets on the checkpoint's generations; {Formats}");
        return group;
    }

    /// <param name="id">Run id.</param>
    /// <param name="a">
    /// Set A: gender_female, gender_male, occupations, afinn_positive, afinn_negative or a user set.
    /// </param>
    /// <param name="b">Set B, named as <paramref name="a"/>.</param>
    /// <param name="set">User sets, each <c>name:word,word</c> (repeatable).</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="query">The PMI query.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Run(Guid id, string? a, string? b, string[]? set, string? format,
        HttpRequest http, AssociationQuery query, CancellationToken ct)
    {
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var errors = AssociationSets.Resolve(a, b, set, out var sets);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return RecordTable.Result(await query.RunAsync(id, a!, b!, sets, ct), tableFormat, $"associations-{id:N}");
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
        var errors = AssociationSets.Resolve(a, b, set, out var sets);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // Generations exist only after evaluation; an empty table would read as "no association" instead.
        if (!await db.Evaluations.AnyAsync(e => e.RunId == id && e.Step == step, ct))
            return Problems.Conflict("Checkpoint not evaluated",
                $"Checkpoint {step} of run {id} has not been evaluated: POST /api/runs/{id}/evaluations.");
        var rows = await query.CheckpointAsync(id, step, a!, b!, sets, ct);
        return RecordTable.Result(rows, tableFormat, $"associations-{id:N}-{step}");
    }
}
