using System.Linq.Expressions;
using Hangfire;
using Hangfire.States;

namespace Prebias.Core.Jobs;

/// <summary>
/// Enqueues a job on a queue and records the resource it will produce, so that <c>GET /api/jobs/{id}</c> can link to it
/// from the first poll. The only place that creates jobs.
/// </summary>
public sealed class JobScheduler(IBackgroundJobClient client, JobRecordStore store)
{
    public async Task<string> EnqueueAsync<TJob>(string queue, Expression<Func<TJob, Task>> call, string resource, CancellationToken ct = default)
    {
        var id = client.Create(call, new EnqueuedState(queue));
        await store.SetResourceAsync(id, JobTypes.Of(typeof(TJob)), resource, ct);
        return id;
    }
}
