using Microsoft.EntityFrameworkCore;
using Prebias.Api.Tables;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Api.Apis;

/// <summary>The weights' evolution of a <c>dynamic</c> order: one row per refresh.</summary>
public static class OrderRefreshesApi
{
    public static RouteGroupBuilder MapOrderRefreshesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}/order").WithTags("Runs").RequireRun();
        group.MapGet("refreshes", Refreshes).WithName("GetOrderRefreshes")
            .WithSummary("Per refresh of a dynamic order: window, entropy, effective sample size, steered metric; " +
                "?format=json|csv|parquet");
        return group;
    }

    /// <param name="id">Run id.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Refreshes(Guid id, string? format, HttpRequest http, PrebiasDbContext db,
        IArtifactStore store,
        CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        if (TableFormats.Resolve(format, http) is not { } tableFormat)
            return TableFormats.Invalid(format);
        var rows = store.Exists(run.OrderKey) ? store.LoadOrderRefreshes(run.OrderKey,
            run.OrderLength ?? long.MaxValue) : [];
        var table = new Table(
        [
            new("refresh", typeof(int)), new("step", typeof(long)), new("windowStart", typeof(long)),
                new("windowLength", typeof(int)),
            new("policy", typeof(string)), new("candidates", typeof(int)), new("entropy", typeof(double)),
            new("normalizedEntropy", typeof(double)), new("effectiveSampleSize", typeof(double)), new("minWeight",
                typeof(double)),
            new("maxWeight", typeof(double)), new("metric", typeof(string)), new("candidateMetricMean", typeof(double)),
            new("weightedMetricMean", typeof(double)), new("windowMetricMean", typeof(double)), new("output",
                typeof(double)),
            new("direction", typeof(int)), new("poolMeanLoss", typeof(double)), new("seconds", typeof(double)),
        ], rows.Select(r => new object?[]
        {
            r.Refresh, r.Step, r.WindowStart, r.WindowLength, r.Policy, r.Candidates, r.Entropy, r.NormalizedEntropy,
            r.EffectiveSampleSize, r.MinWeight, r.MaxWeight, r.Metric, r.CandidateMetricMean, r.WeightedMetricMean,
            r.WindowMetricMean, r.Output, r.Direction, r.PoolMeanLoss, r.Seconds,
        }).ToList());
        return new TableResult(table, tableFormat, $"order-refreshes-{id:N}");
    }
}
