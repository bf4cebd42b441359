using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prebias.Core.Jobs;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// Registers <see cref="ResourceReconcilerJob"/> as a recurring job when a process starts a Hangfire server.
/// Idempotent (AddOrUpdate), so every worker may do it.
/// </summary>
public sealed class ResourceReconcilerSchedule(IRecurringJobManager recurring, ILogger<ResourceReconcilerSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<ResourceReconcilerJob>(ResourceReconcilerJob.RecurringId, JobQueues.Default,
                j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        catch (Exception ex)
        {
            // Not fatal: another worker (or this one's next start) registers it.
            logger.LogWarning("Could not register the reconciler: {Error}", ex.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
