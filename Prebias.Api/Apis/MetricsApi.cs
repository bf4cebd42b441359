using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Core.Metrics;

namespace Prebias.Api.Apis;

/// <summary><c>/api/metrics</c>: the metric registry (names, descriptions, ranges, directions).</summary>
public static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/metrics").WithTags("Metrics");
        group.MapGet("", ListMetrics).WithName("ListMetrics")
            .WithSummary("Every registered metric: name, description, range, what higher means, kind (text or model)");
        return group;
    }

    /// <summary>A registered metric.</summary>
    public sealed record MetricInfo(string Name, string Description, double? Min, double? Max, string HigherMeans, string Kind);

    public static Ok<List<MetricInfo>> ListMetrics() => TypedResults.Ok(MetricRegistry.All
        .Select(m => new MetricInfo(m.Name, m.Description, m.Range.Min, m.Range.Max, m.HigherMeans, m.Kind.ToString().ToLowerInvariant()))
        .ToList());
}
