using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prebias.Core.Hosting;

namespace Prebias.Api.Health;

/// <summary>
/// Ready when Hangfire's storage answers; reports how many servers are alive: a server whose last heartbeat is older
/// than the server timeout is dead (killed, or cut off by a database outage) even while its row is still listed.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers();
            var since = DateTime.UtcNow - HangfireSetup.ServerTimeout;
            var live = servers.Count(s => s.Heartbeat is { } beat && DateTime.SpecifyKind(beat, DateTimeKind.Utc) >= since);
            var data = new Dictionary<string, object>
            {
                ["servers"] = live, ["deadServers"] = servers.Count - live, ["enqueued"] = monitoring.GetStatistics().Enqueued,
            };
            var dead = servers.Count > live ? $" ({servers.Count - live} without a heartbeat for {HangfireSetup.ServerTimeout.TotalSeconds:F0} s)" : "";
            return Task.FromResult(HealthCheckResult.Healthy($"{live} live Hangfire server(s){dead}", data));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage: {ex.Message}"));
        }
    }
}
