using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Tables;
using Prebias.Core;
using Prebias.Core.Analysis;
using Prebias.Core.Experiments;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>GET /api/experiments/{id}/verdicts?step=</c>: the end-point verdicts as they stood at a chosen checkpoint
/// (the comparison endpoint gives them at the last one), for the dashboard's checkpoint picker.
/// </summary>
public static class ExperimentVerdictsApi
{
    public static RouteHandlerBuilder MapExperimentVerdictsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("api/experiments/{id:guid}/verdicts", Verdicts).WithTags("Experiments").WithName("GetVerdictsAtStep")
            .WithSummary("Every ordering against the baseline at the last checkpoint up to ?step= (verdict, CI, n, p, "
                + "adjusted p, saturation step); ?format=json|csv|parquet");

    /// <param name="id">Experiment id.</param>
    /// <param name="step">The latest checkpoint to use (default: all of them, as the comparison does).</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Verdicts(Guid id, long? step, string? format, HttpRequest http,
        PrebiasDbContext db, CancellationToken ct)
    {
        if (step is < 0) return Invalid("step", "step must be ≥ 0.");
        if (TableFormats.Resolve(format, http) is not { } tableFormat)
            return Invalid("format", "format must be json, csv or parquet.");
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (experiment is null) return Problems.NotFound("Experiment not found", $"No experiment '{id}'.");
        var spec = JsonSerializer.Deserialize<DurabilitySpec>(experiment.Spec, JsonDefaults.Options)!;
        var options = new OrderEffectOptions { EquivalenceMargin = spec.EquivalenceMargin };
        var rows = await ExperimentVerdictsAtStep.ComputeAsync(db, experiment, step ?? long.MaxValue,
            spec.SaturationTolerance, options, ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(rows);
        var table = ComparisonTables.Of(new ExperimentComparisonResult([], rows, [], []), "endpoint");
        var name = step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "last";
        return new TableResult(table, tableFormat, $"verdicts-{name}-{id:N}");
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
