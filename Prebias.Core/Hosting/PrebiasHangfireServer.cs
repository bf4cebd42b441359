using Hangfire;
using Hangfire.Client;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Hosting;

namespace Prebias.Core.Hosting;

/// <summary>
/// The Hangfire server of a process: the same workers and schedulers as <c>AddHangfireServer</c>, built here so that
/// <see cref="BackgroundProcessingServerOptions.RetryDelay"/> can be set. Hangfire's default waits attempt² seconds
/// (up to 5 minutes) after each failure of a background process, so after a 170 s database outage every worker and
/// scheduler slept for minutes more, and orphaned jobs stayed Processing for 8–18 minutes. Here a failing process
/// retries after at most <see cref="MaxRetryDelay"/>: it is back within seconds of the database.
/// </summary>
public sealed class PrebiasHangfireServer(JobStorage storage, IBackgroundJobFactory factory, IBackgroundJobPerformer performer,
    IBackgroundJobStateChanger stateChanger, WorkerOptions options) : IHostedService, IDisposable
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How often scheduled jobs (retries, the experiment monitor's next poll) and recurring jobs are checked.</summary>
    public static readonly TimeSpan SchedulePollingInterval = TimeSpan.FromSeconds(15);

    private BackgroundProcessingServer? _server;

    /// <summary>1, 2, 3, 4, 5, 5, ... seconds.</summary>
    public static TimeSpan RetryDelay(int attempt) => TimeSpan.FromSeconds(Math.Clamp(attempt, 1, MaxRetryDelay.TotalSeconds));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var queues = options.EffectiveQueues;
        var workers = Math.Max(1, options.WorkerCount);
        IBackgroundProcessDispatcherBuilder[] processes =
        [
            new Worker(queues, performer, stateChanger).UseBackgroundPool(workers),
            new DelayedJobScheduler(SchedulePollingInterval, stateChanger).UseBackgroundPool(1),
            new RecurringJobScheduler(factory, SchedulePollingInterval, new DefaultTimeZoneResolver()).UseBackgroundPool(1),
        ];
        // What the dashboard and the monitoring API show for a server, as BackgroundJobServer writes it.
        var properties = new Dictionary<string, object> { ["Queues"] = queues, ["WorkerCount"] = workers };
        _server = new BackgroundProcessingServer(storage, processes, properties, new BackgroundProcessingServerOptions
        {
            ServerName = $"{options.Name ?? Environment.MachineName}:{Environment.ProcessId}",
            // How often a running job checks whether it was deleted (cancelled); 5 s by default.
            CancellationCheckInterval = TimeSpan.FromSeconds(1),
            // A server that stops beating (killed, or cut off by a database outage) is declared dead after
            // ServerTimeout and removed by the others' watchdog; readiness counts only servers that beat within it.
            HeartbeatInterval = HangfireSetup.HeartbeatInterval,
            ServerCheckInterval = TimeSpan.FromSeconds(10),
            ServerTimeout = HangfireSetup.ServerTimeout,
            RetryDelay = RetryDelay,
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null) return Task.CompletedTask;
        _server.SendStop();
        return _server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => _server?.Dispose();
}
