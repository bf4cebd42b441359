using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// Endpoint filters for routes under a resource's <c>{id}</c> (and a run's <c>checkpoints/{step}</c>): a route whose
/// resource does not exist answers 404 here, once, so its handler can assume it exists.
/// </summary>
public static class RouteFilters
{
    /// <summary>404 "Run not found" unless the route's <c>{id}</c> is a run.</summary>
    public static TBuilder RequireRun<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireFound<TBuilder, RunRecord>("run");

    /// <summary>404 "Experiment not found" unless the route's <c>{id}</c> is an experiment.</summary>
    public static TBuilder RequireExperiment<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireFound<TBuilder, ExperimentRecord>("experiment");

    /// <summary>404 "Dataset not found" unless the route's <c>{id}</c> is a dataset.</summary>
    public static TBuilder RequireDataset<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireFound<TBuilder, DatasetRecord>("dataset");

    /// <summary>
    /// 404 "Run not found" or "Checkpoint not found" unless the route's <c>{id}</c> has a checkpoint at <c>{step}</c>.
    /// </summary>
    public static TBuilder RequireCheckpoint<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var runId = RouteId(http);
            var step = long.Parse(http.Request.RouteValues["step"]!.ToString()!, CultureInfo.InvariantCulture);
            var db = http.RequestServices.GetRequiredService<PrebiasDbContext>();
            if (!await db.Runs.AnyAsync(r => r.Id == runId, http.RequestAborted)) return NotFound("run", runId);
            return await db.Checkpoints.AnyAsync(c => c.RunId == runId && c.Step == step, http.RequestAborted)
                ? await next(context)
                : CheckpointNotFound(runId, step);
        });

    public static ProblemHttpResult CheckpointNotFound(Guid runId, long step) =>
        Problems.NotFound("Checkpoint not found", $"Run {runId} has no checkpoint at step {step}.");

    /// <summary>"Run not found", "No run '…'." and so on: the answer every route gives for an unknown id.</summary>
    public static ProblemHttpResult NotFound(string noun, Guid id) =>
        Problems.NotFound($"{char.ToUpperInvariant(noun[0])}{noun[1..]} not found", $"No {noun} '{id}'.");

    private static TBuilder RequireFound<TBuilder, TRecord>(this TBuilder builder, string noun)
        where TBuilder : IEndpointConventionBuilder where TRecord : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = RouteId(http);
            var db = http.RequestServices.GetRequiredService<PrebiasDbContext>();
            return await db.Set<TRecord>().AnyAsync(r => EF.Property<Guid>(r, "Id") == id, http.RequestAborted)
                ? await next(context)
                : NotFound(noun, id);
        });

    /// <summary>The route constraint <c>{id:guid}</c> has already checked that it parses.</summary>
    private static Guid RouteId(HttpContext http) => Guid.Parse(http.Request.RouteValues["id"]!.ToString()!);
}
