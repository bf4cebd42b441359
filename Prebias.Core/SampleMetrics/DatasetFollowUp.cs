using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// The part the launchers of per-sample jobs share: such a job needs a dataset that exists and has not failed, and
/// runs after the dataset's build when that is still going (a Hangfire continuation), so a client may ask for metrics
/// right after creating the dataset.
/// </summary>
internal static class DatasetFollowUp
{
    /// <summary>The dataset, or the answer that refuses the request: 404 when missing, 409 when it failed.</summary>
    public static async Task<(DatasetRecord? Dataset, LaunchResult? Refusal)> FindAsync(PrebiasDbContext db,
        Guid datasetId, CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == datasetId, ct);
        if (dataset is null) return (null, new LaunchResult.Missing("Dataset not found", $"No dataset '{datasetId}'."));
        if (dataset.State == ResourceState.Failed)
            return (null, new LaunchResult.Conflict("Dataset failed", $"Dataset {datasetId} failed: {dataset.Error}"));
        return (dataset, null);
    }

    /// <summary>
    /// Enqueues <paramref name="call"/> on the CPU queue, after the build while the dataset is Pending.
    /// </summary>
    public static async Task<LaunchResult> EnqueueAsync<TJob>(JobScheduler scheduler, DatasetRecord dataset,
        Expression<Func<TJob, Task>> call, CancellationToken ct)
    {
        var parent = dataset.State == ResourceState.Pending ? dataset.JobId : null;
        var location = $"/api/datasets/{dataset.Id}/metrics/summary";
        var jobId = await scheduler.EnqueueAfterAsync(parent, JobQueues.Cpu, call, location, ct);
        return new LaunchResult.Accepted(dataset.Id.ToString(), jobId, location);
    }
}
