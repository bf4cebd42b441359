using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// Endpoint filters for routes under <c>/api/runs/{id}</c> and <c>.../checkpoints/{step}</c>: a route whose run or
/// checkpoint does not exist answers 404 here, once, so its handler can assume both exist.
/// </summary>
public static class RunRouteFilters
{
    /// <summary>404 "Run not found" unless the route's <c>{id}</c> is a run.</summary>
    public static TBuilder RequireRun<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (runId, _) = RouteIds(context.HttpContext);
            var db = context.HttpContext.RequestServices.GetRequiredService<PrebiasDbContext>();
            return await db.Runs.AnyAsync(r => r.Id == runId, context.HttpContext.RequestAborted)
                ? await next(context)
                : RunNotFound(runId);
        });

    /// <summary>404 "Run not found" or "Checkpoint not found" unless the route's <c>{id}</c> has a checkpoint at <c>{step}</c>.</summary>
    public static TBuilder RequireCheckpoint<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var (runId, step) = RouteIds(context.HttpContext);
            var db = context.HttpContext.RequestServices.GetRequiredService<PrebiasDbContext>();
            var ct = context.HttpContext.RequestAborted;
            if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return RunNotFound(runId);
            return await db.Checkpoints.AnyAsync(c => c.RunId == runId && c.Step == step, ct)
                ? await next(context)
                : CheckpointNotFound(runId, step);
        });

    public static ProblemHttpResult CheckpointNotFound(Guid runId, long step) =>
        Problems.NotFound("Checkpoint not found", $"Run {runId} has no checkpoint at step {step}.");

    public static ProblemHttpResult RunNotFound(Guid runId) => Problems.NotFound("Run not found", $"No run '{runId}'.");

    /// <summary>The route constraints (<c>{id:guid}</c>, <c>{step:long}</c>) have already checked both parse.</summary>
    private static (Guid RunId, long Step) RouteIds(HttpContext http)
    {
        var values = http.Request.RouteValues;
        var runId = Guid.Parse(values["id"]!.ToString()!);
        var step = values.TryGetValue("step", out var s) && s is not null ? long.Parse(s.ToString()!, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (runId, step);
    }
}
