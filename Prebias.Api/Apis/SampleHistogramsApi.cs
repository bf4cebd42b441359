using Microsoft.EntityFrameworkCore;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>GET /api/datasets/{id}/metrics/histograms</c>: each metric's distribution, train and val on shared bins; the
/// default bins are stored per dataset after its metrics job, other counts are computed per request.
/// </summary>
public static class SampleHistogramsApi
{
    public static RouteHandlerBuilder MapSampleHistogramsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("api/datasets/{id:guid}/metrics/histograms", Histograms).WithTags("Sample metrics")
            .WithName("SampleMetricHistograms")
            .WithSummary("Per metric: equal-width bins from its min to its max, with train and val counts "
                + "(?bins=30, at most 200)");

    /// <param name="id">Dataset id.</param>
    /// <param name="bins">Number of bins, 1..200 (default 30).</param>
    /// <param name="db">Database.</param>
    /// <param name="summaries">Stored histograms (default bins), else live ones.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Histograms(Guid id, int? bins, PrebiasDbContext db,
        SampleMetricSummaryStore summaries, CancellationToken ct)
    {
        if (bins is < 1 or > SampleMetricHistograms.MaxBins)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["bins"] = [$"bins must be between 1 and {SampleMetricHistograms.MaxBins}."],
            });
        if (!await db.Datasets.AnyAsync(d => d.Id == id, ct))
            return Problems.NotFound("Dataset not found", $"No dataset '{id}'.");
        return TypedResults.Ok(await summaries.HistogramsAsync(id, bins ?? SampleMetricHistograms.DefaultBins, ct));
    }
}
