using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.Validation;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Starts scoring a dataset's samples with text metrics (<c>POST /api/datasets/{id}/metrics</c>), after the
/// dataset's build when that is still running.
/// </summary>
public sealed class SampleMetricsLauncher(PrebiasDbContext db, JobScheduler scheduler)
{
    /// <param name="datasetId">The dataset.</param>
    /// <param name="metrics">Metric names; all text metrics when null or empty.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<LaunchResult> LaunchAsync(Guid datasetId, string[]? metrics, CancellationToken ct)
    {
        if (new FieldErrors().Items("metrics", metrics, 0, RequestLimits.ListItems) is { Count: > 0 } invalid)
            return new LaunchResult.Invalid(invalid.ToDictionary());
        var (dataset, refusal) = await DatasetFollowUp.FindAsync(db, datasetId, ct);
        if (refusal is not null) return refusal;
        string[]? names;
        try { names = metrics is { Length: > 0 } m ? [.. MetricRegistry.Resolve(m, MetricKind.Text).Select(d => d.Name)] : null; }
        catch (UnknownMetricException ex) { return LaunchResult.Field("metrics", ex.Message); }

        return await DatasetFollowUp.EnqueueAsync<SampleMetricsJob>(scheduler, dataset!,
            j => j.RunAsync(datasetId, names, CancellationToken.None), ct);
    }
}
