using System.Linq.Expressions;
using Hangfire;
using Hangfire.States;

namespace Prebias.Core.Jobs;

/// <summary>
/// Creates jobs and records the resource each will produce, so <c>GET /api/jobs/{id}</c> links to it from the first
/// poll. The only place that creates jobs.
/// </summary>
public sealed class JobScheduler(IBackgroundJobClient client, JobRecordStore store)
{
    public async Task<string> EnqueueAsync<TJob>(string queue, Expression<Func<TJob, Task>> call, string resource, CancellationToken ct = default)
    {
        var id = client.Create(call, new EnqueuedState(queue));
        await store.SetResourceAsync(id, JobTypes.Of(typeof(TJob)), resource, ct);
        return id;
    }

    /// <summary>
    /// Runs the job after <paramref name="parentJobId"/> has finished (a pipeline step: corpus → tokenizer → dataset
    /// → metrics), or now when there is no unfinished parent. The job checks its inputs itself and fails with a clear
    /// message when a parent failed, so it continues on any final state of the parent.
    /// </summary>
    public async Task<string> EnqueueAfterAsync<TJob>(string? parentJobId, string queue, Expression<Func<TJob, Task>> call, string resource, CancellationToken ct = default)
    {
        if (parentJobId is null) return await EnqueueAsync(queue, call, resource, ct);
        var id = client.ContinueJobWith(parentJobId, call, new EnqueuedState(queue), JobContinuationOptions.OnAnyFinishedState);
        await store.SetResourceAsync(id, JobTypes.Of(typeof(TJob)), resource, ct);
        return id;
    }
}
