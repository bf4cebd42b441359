using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Prebias.Api.Health;

/// <summary>Ready when Hangfire's storage answers; reports how many servers are listening.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var stats = storage.GetMonitoringApi().GetStatistics();
            var data = new Dictionary<string, object> { ["servers"] = stats.Servers, ["enqueued"] = stats.Enqueued };
            return Task.FromResult(HealthCheckResult.Healthy($"{stats.Servers} Hangfire server(s)", data));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage: {ex.Message}"));
        }
    }
}
