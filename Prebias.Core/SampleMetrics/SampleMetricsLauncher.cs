using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
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
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == datasetId, ct);
        if (dataset is null) return new LaunchResult.Missing("Dataset not found", $"No dataset '{datasetId}'.");
        if (dataset.State == ResourceState.Failed)
            return new LaunchResult.Conflict("Dataset failed", $"Dataset {datasetId} failed: {dataset.Error}");
        string[]? names;
        try { names = metrics is { Length: > 0 } m ? [.. MetricRegistry.Resolve(m, MetricKind.Text).Select(d => d.Name)] : null; }
        catch (UnknownMetricException ex) { return LaunchResult.Field("metrics", ex.Message); }

        var parent = dataset.State == ResourceState.Pending ? dataset.JobId : null;
        var location = $"/api/datasets/{datasetId}/metrics/summary";
        var jobId = await scheduler.EnqueueAfterAsync<SampleMetricsJob>(parent, JobQueues.Cpu, j => j.RunAsync(datasetId, names, CancellationToken.None),
            location, ct);
        return new LaunchResult.Accepted(datasetId.ToString(), jobId, location);
    }
}
